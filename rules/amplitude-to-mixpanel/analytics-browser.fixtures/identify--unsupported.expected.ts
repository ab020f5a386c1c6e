import * as amplitude from '@amplitude/analytics-browser';

amplitude.identify(new amplitude.Identify().set('a', 1).clearAll());
