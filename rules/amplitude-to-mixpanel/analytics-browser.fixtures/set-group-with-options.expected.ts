import * as amplitude from '@amplitude/analytics-browser';

amplitude.setGroup('org', 'acme', { user_id: 'user-12345' });
