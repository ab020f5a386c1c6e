import * as amplitude from '@amplitude/unified';

amplitude.groupIdentify('org', 'acme', new amplitude.Identify().set('tier', 'gold').postInsert('regions', 'eu'));
