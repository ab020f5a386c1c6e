import * as amplitude from '@amplitude/unified';

amplitude.setOptOut(false);
