import mixpanel from 'mixpanel-browser';

mixpanel.track('Legacy Clicked', { where: 'footer' });
