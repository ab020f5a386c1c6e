import * as amplitude from '@amplitude/analytics-browser';

amplitude.identify(new amplitude.Identify().set('plan', 'pro').set('seat count', 5));
amplitude.identify(new amplitude.Identify().set('theme', 'dark'));
