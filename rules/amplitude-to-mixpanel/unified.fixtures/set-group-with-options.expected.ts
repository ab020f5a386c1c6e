import * as amplitude from '@amplitude/unified';

amplitude.setGroup('org', 'acme', { user_id: 'user-12345' });
