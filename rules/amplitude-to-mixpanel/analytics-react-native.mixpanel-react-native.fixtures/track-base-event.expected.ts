import * as amplitude from '@amplitude/analytics-react-native';

amplitude.track({ event_type: 'Imported', event_properties: { n: 1 }, time: Date.now() });
