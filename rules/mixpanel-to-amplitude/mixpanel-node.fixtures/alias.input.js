const Mixpanel = require('mixpanel');
const mixpanel = Mixpanel.init('MIXPANEL_TOKEN');

mixpanel.alias('user-12345', 'user@example.com');
