import mixpanel from 'mixpanel-browser';

mixpanel.track('App Opened');
