import * as amplitude from '@amplitude/analytics-browser';

amplitude.groupIdentify('company', 'acme', new amplitude.Identify().set('tier', 'gold').set('seats', 40));
amplitude.groupIdentify('company', 'acme', new amplitude.Identify().postInsert('regions', ['eu']));
