import mixpanel from 'mixpanel-browser';

mixpanel.init('YOUR_MIXPANEL_PROJECT_TOKEN', { api_host: 'https://api-eu.mixpanel.com' });
