import { initAll } from '@amplitude/unified';

initAll('AMPLITUDE_API_KEY', { serverZone: 'EU', analytics: { autocapture: true } });
