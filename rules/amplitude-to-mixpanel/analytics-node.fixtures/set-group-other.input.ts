import * as amplitude from '@amplitude/analytics-node';

amplitude.setGroup('org', 'acme', { device_id: 'device-12345' });
