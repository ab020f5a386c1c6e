const Mixpanel = require('mixpanel');
const amplitude = require('@amplitude/analytics-node');
const mixpanel = Mixpanel.init('MIXPANEL_TOKEN', { secret: process.env.MIXPANEL_SECRET });
amplitude.init('YOUR_AMPLITUDE_API_KEY');

mixpanel.import('Legacy Event', new Date('2020-05-01'), { distinct_id: 'user-12345' });
