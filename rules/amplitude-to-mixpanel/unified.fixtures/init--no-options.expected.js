import mixpanel from 'mixpanel-browser';

await mixpanel.init('YOUR_MIXPANEL_PROJECT_TOKEN');
mixpanel.track('Booted');
