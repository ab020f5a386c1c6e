import * as amplitude from '@amplitude/analytics-browser';

export const currentUser = amplitude.getUserId();
