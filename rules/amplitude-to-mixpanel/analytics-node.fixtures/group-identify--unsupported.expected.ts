import * as amplitude from '@amplitude/analytics-node';

amplitude.groupIdentify('org', 'acme', new amplitude.Identify().add('seats', 1));
