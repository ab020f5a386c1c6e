import * as amplitude from '@amplitude/analytics-browser';

amplitude.setOptOut(false);
