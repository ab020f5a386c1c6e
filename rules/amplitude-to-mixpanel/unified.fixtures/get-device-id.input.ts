import * as amplitude from '@amplitude/unified';

export const deviceId = amplitude.getDeviceId();
