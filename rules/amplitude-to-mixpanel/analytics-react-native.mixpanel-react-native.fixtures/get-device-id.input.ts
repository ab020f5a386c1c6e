import * as amplitude from '@amplitude/analytics-react-native';

export const deviceId = amplitude.getDeviceId();
