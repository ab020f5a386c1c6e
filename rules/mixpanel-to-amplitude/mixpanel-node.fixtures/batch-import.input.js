const Mixpanel = require('mixpanel');
const mixpanel = Mixpanel.init('MIXPANEL_TOKEN', { secret: process.env.MIXPANEL_SECRET });

mixpanel.import('Legacy Event', new Date('2020-05-01'), { distinct_id: 'user-12345' });
