import * as amplitude from '@amplitude/unified';

amplitude.setDeviceId('device-abcdef');
