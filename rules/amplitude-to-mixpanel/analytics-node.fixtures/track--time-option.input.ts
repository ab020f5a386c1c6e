import * as amplitude from '@amplitude/analytics-node';

amplitude.track('Imported', { n: 1 }, { user_id: 'user-12345', time: 1700000000000 });
