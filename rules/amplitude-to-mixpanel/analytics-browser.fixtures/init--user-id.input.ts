import { init } from '@amplitude/analytics-browser';

init('AMPLITUDE_API_KEY', 'user-12345', { serverZone: 'US' });
