import * as amplitude from '@amplitude/analytics-react-native';

amplitude.setGroup('org', 'acme', { user_id: 'user-12345' });
