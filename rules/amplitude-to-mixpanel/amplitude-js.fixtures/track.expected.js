import mixpanel from 'mixpanel-browser';

mixpanel.track('Signed Up', { plan: 'pro' });
