import mixpanel from 'mixpanel-browser';

mixpanel.get_group('company', 'acme').delete();
