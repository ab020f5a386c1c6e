import * as amplitude from '@amplitude/analytics-browser';

export const sessionId = amplitude.getSessionId();
