import * as amplitude from '@amplitude/unified';

amplitude.identify(new amplitude.Identify().set('plan', 'pro'), { user_id: 'user-12345' });
