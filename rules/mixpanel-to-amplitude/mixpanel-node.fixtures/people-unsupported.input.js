const Mixpanel = require('mixpanel');
const mixpanel = Mixpanel.init('MIXPANEL_TOKEN');

mixpanel.people.track_charge('user-12345', 29.99, { sku: 'pro-monthly' });
mixpanel.people.delete_user('user-67890');
