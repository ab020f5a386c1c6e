import mixpanel from 'mixpanel-browser';

mixpanel.alias('new-user-id');
