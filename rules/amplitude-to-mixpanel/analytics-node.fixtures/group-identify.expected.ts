import Mixpanel from 'mixpanel';

mixpanel.groups.set('org', 'acme', { 'tier': 'gold', 'seats': 40 });
