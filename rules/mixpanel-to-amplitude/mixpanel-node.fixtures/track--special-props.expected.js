const Mixpanel = require('mixpanel');
const amplitude = require('@amplitude/analytics-node');
const mixpanel = Mixpanel.init('MIXPANEL_TOKEN');
amplitude.init('YOUR_AMPLITUDE_API_KEY');

mixpanel.track('Imported', { distinct_id: 'user-12345', time: new Date('2024-01-01') });
