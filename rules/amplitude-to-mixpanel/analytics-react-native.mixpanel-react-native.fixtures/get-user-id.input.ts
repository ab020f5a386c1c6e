import * as amplitude from '@amplitude/analytics-react-native';

export const currentUser = amplitude.getUserId();
