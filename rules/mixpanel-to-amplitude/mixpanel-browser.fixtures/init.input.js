import mixpanel from 'mixpanel-browser';

mixpanel.init('MIXPANEL_TOKEN', { api_host: 'https://api-eu.mixpanel.com', debug: true });
