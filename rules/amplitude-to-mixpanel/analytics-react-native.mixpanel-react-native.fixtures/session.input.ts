import * as amplitude from '@amplitude/analytics-react-native';

export const sessionId = amplitude.getSessionId();
