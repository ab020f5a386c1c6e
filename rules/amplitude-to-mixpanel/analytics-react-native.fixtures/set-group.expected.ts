import mixpanel from 'mixpanel-browser';

mixpanel.set_group('org', ['acme', 'globex']);
