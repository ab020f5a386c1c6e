import mixpanel from 'mixpanel-browser';

mixpanel.register({ app_version: '3.2.0' });
mixpanel.register_once({ first_referrer: document.referrer });
