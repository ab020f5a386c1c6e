import mixpanel from 'mixpanel-browser';

mixpanel.opt_in_tracking();
