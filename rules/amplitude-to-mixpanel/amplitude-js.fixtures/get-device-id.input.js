import amplitude from 'amplitude-js';

const deviceId = amplitude.getInstance().getDeviceId();
console.log(deviceId);
