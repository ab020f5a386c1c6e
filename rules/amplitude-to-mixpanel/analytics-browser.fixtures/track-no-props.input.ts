import * as amplitude from '@amplitude/analytics-browser';

amplitude.track('App Opened');
