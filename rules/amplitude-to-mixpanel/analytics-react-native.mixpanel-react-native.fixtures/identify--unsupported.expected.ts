import * as amplitude from '@amplitude/analytics-react-native';

amplitude.identify(new amplitude.Identify().set('a', 1).clearAll());
