const Mixpanel = require('mixpanel');
const mixpanel = Mixpanel.init('MIXPANEL_TOKEN');

mixpanel.people.set('user-12345', { plan: 'pro' }, { $ignore_time: true });
