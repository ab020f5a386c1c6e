import * as amplitude from '@amplitude/analytics-node';

amplitude.groupIdentify('org', 'acme', new amplitude.Identify().set('tier', 'gold').set('seats', 40), { user_id: 'user-12345' });
