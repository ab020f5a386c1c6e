import mixpanel from 'mixpanel-browser';

mixpanel.identify();
