import * as amplitude from '@amplitude/analytics-node';

amplitude.track('Server Started', { pid: process.pid });
