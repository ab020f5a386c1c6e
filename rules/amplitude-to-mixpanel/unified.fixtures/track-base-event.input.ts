import * as amplitude from '@amplitude/unified';

amplitude.track({ event_type: 'Imported', event_properties: { n: 1 }, time: Date.now() });
