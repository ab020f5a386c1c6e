import * as amplitude from '@amplitude/analytics-browser';

amplitude.groupIdentify('org', 'acme', new amplitude.Identify().set('tier', 'gold').postInsert('regions', 'eu'));
