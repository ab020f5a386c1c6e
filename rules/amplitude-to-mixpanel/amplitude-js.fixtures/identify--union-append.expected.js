import mixpanel from 'mixpanel-browser';

mixpanel.people.union('tags', 'beta');
mixpanel.people.append('roles', 'admin');
mixpanel.people.remove('flags', 'old');
