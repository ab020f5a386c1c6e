import mixpanel from 'mixpanel-browser';

mixpanel.get_group('org', 'acme').set('tier', 'gold');
mixpanel.get_group('org', 'acme').union('regions', 'eu');
