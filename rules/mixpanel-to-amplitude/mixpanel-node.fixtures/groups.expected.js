const amplitude = require('@amplitude/analytics-node');
amplitude.init('YOUR_AMPLITUDE_API_KEY');

amplitude.groupIdentify('company', 'acme', new amplitude.Identify().set('tier', 'gold'));
amplitude.groupIdentify('company', 'acme', new amplitude.Identify().setOnce('created', '2024-01-01'));
