import * as amplitude from '@amplitude/unified';

amplitude.track('App Opened');
