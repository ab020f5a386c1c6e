import * as amplitude from '@amplitude/analytics-browser';

export const deviceId = () => amplitude.getDeviceId();
