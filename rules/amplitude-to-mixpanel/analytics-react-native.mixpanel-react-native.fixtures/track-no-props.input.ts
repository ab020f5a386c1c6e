import * as amplitude from '@amplitude/analytics-react-native';

amplitude.track('App Opened');
