const Mixpanel = require('mixpanel');
const mixpanel = Mixpanel.init('MIXPANEL_TOKEN');

mixpanel.groups.set('company', 'acme', { tier: 'gold' });
mixpanel.groups.set_once('company', 'acme', 'created', '2024-01-01');
