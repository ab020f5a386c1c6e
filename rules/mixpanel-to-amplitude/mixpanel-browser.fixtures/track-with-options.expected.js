import mixpanel from 'mixpanel-browser';

mixpanel.track('Left Page', { page: location.pathname }, { transport: 'sendBeacon' });
