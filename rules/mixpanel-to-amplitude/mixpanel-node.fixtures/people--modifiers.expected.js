const Mixpanel = require('mixpanel');
const amplitude = require('@amplitude/analytics-node');
const mixpanel = Mixpanel.init('MIXPANEL_TOKEN');
amplitude.init('YOUR_AMPLITUDE_API_KEY');

mixpanel.people.set('user-12345', { plan: 'pro' }, { $ignore_time: true });
