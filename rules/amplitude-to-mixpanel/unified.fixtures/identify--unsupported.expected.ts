import * as amplitude from '@amplitude/unified';

amplitude.identify(new amplitude.Identify().set('a', 1).clearAll());
