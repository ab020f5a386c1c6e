import * as amplitude from '@amplitude/analytics-browser';

amplitude.identify(new amplitude.Identify().add('logins', 1));
amplitude.identify(new amplitude.Identify().add('credits', 5));
