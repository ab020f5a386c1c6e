import * as amplitude from '@amplitude/unified';

export const currentUser = amplitude.getUserId();
