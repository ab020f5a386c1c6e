const Mixpanel = require('mixpanel');
const mixpanel = Mixpanel.init('MIXPANEL_TOKEN');

mixpanel.track('Imported', { distinct_id: 'user-12345', time: new Date('2024-01-01') });
