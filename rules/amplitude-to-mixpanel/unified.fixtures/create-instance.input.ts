import * as amplitude from '@amplitude/unified';

export const secondary = amplitude.createInstance();
