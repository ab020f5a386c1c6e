import mixpanel from 'mixpanel-browser';

const deviceId = mixpanel.get_property('$device_id');
console.log(deviceId);
