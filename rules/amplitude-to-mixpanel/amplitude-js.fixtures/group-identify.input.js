import amplitude from 'amplitude-js';

amplitude.getInstance().groupIdentify('org', 'acme', new amplitude.Identify().set('tier', 'gold').setOnce('created', '2024'));
