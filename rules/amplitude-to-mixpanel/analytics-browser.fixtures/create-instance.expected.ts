import * as amplitude from '@amplitude/analytics-browser';

export const secondary = amplitude.createInstance();
