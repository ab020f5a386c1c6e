import * as amplitude from '@amplitude/analytics-browser';

amplitude.setDeviceId('device-abcdef');
