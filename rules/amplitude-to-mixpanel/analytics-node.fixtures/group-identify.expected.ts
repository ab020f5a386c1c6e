import Mixpanel from 'mixpanel';
const mixpanel = Mixpanel.init(process.env.MIXPANEL_TOKEN);

mixpanel.groups.set('org', 'acme', { 'tier': 'gold', 'seats': 40 });
