import mixpanel from 'mixpanel-browser';

mixpanel.set_group('company', ['acme', 'globex']);
