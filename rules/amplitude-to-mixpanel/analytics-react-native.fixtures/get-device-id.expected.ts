import mixpanel from 'mixpanel-browser';

export const deviceId = mixpanel.get_property('$device_id');
