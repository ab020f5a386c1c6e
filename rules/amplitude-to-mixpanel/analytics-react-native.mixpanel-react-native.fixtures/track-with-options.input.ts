import * as amplitude from '@amplitude/analytics-react-native';

amplitude.track('Backfilled', { n: 1 }, { time: 1700000000000, insert_id: 'abc' });
