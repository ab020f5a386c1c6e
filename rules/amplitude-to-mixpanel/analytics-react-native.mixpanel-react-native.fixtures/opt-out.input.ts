import * as amplitude from '@amplitude/analytics-react-native';

amplitude.setOptOut(true);
