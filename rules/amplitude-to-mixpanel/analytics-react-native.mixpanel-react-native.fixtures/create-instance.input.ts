import * as amplitude from '@amplitude/analytics-react-native';

export const secondary = amplitude.createInstance();
