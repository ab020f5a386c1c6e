import * as amplitude from '@amplitude/analytics-react-native';

amplitude.groupIdentify('org', 'acme', new amplitude.Identify().set('tier', 'gold'), { user_id: 'user-12345' });
