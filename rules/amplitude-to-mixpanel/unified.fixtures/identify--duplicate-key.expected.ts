import * as amplitude from '@amplitude/unified';

amplitude.identify(new amplitude.Identify().set('score', 1).add('score', 2));
