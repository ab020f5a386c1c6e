import * as amplitude from '@amplitude/unified';

export const sessionId = amplitude.getSessionId();
