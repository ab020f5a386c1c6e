import * as amplitude from '@amplitude/analytics-node';

amplitude.setOptOut(process.env.NODE_ENV === 'test');
