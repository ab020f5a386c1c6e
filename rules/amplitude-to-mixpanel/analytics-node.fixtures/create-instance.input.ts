import * as amplitude from '@amplitude/analytics-node';

export const audit = amplitude.createInstance();
