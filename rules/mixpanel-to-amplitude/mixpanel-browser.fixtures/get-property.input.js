import mixpanel from 'mixpanel-browser';

export const version = mixpanel.get_property('app_version');
