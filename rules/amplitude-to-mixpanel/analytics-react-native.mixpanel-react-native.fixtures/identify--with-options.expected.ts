import * as amplitude from '@amplitude/analytics-react-native';

amplitude.identify(new amplitude.Identify().set('plan', 'pro'), { user_id: 'user-12345' });
