import * as amplitude from '@amplitude/unified';

amplitude.experiment().fetch();
