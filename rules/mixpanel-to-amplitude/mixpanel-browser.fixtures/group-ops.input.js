import mixpanel from 'mixpanel-browser';

mixpanel.get_group('company', 'acme').set({ tier: 'gold', seats: 40 });
mixpanel.get_group('company', 'acme').union('regions', ['eu']);
