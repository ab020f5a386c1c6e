import * as amplitude from '@amplitude/analytics-browser';

amplitude.init('YOUR_AMPLITUDE_API_KEY', { serverZone: 'EU' });
