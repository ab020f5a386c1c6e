import * as amplitude from '@amplitude/analytics-browser';

amplitude.init('AMPLITUDE_API_KEY', { serverZone: 'EU', autocapture: true });
