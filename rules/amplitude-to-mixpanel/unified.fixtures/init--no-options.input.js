import * as amplitude from '@amplitude/unified';

await amplitude.initAll('AMPLITUDE_API_KEY');
amplitude.track('Booted');
