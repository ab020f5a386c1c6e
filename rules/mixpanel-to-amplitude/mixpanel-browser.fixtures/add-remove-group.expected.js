import mixpanel from 'mixpanel-browser';

mixpanel.add_group('company', 'initech');
