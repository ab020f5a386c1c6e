import mixpanel from 'mixpanel-browser';

mixpanel.opt_out_tracking({ delete_user: false });
