import * as amplitude from '@amplitude/analytics-node';

amplitude.identify(new amplitude.Identify().set('plan', 'pro'));
