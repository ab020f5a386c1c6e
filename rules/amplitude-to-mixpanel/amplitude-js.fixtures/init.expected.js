import mixpanel from 'mixpanel-browser';

mixpanel.init('YOUR_MIXPANEL_PROJECT_TOKEN');
