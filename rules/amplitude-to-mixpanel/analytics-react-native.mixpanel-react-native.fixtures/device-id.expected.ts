import * as amplitude from '@amplitude/analytics-react-native';

amplitude.setDeviceId('device-abcdef');
