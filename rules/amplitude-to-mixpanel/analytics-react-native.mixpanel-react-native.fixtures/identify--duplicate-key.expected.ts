import * as amplitude from '@amplitude/analytics-react-native';

amplitude.identify(new amplitude.Identify().set('score', 1).add('score', 2));
