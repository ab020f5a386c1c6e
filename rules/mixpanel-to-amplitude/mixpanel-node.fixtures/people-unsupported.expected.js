const Mixpanel = require('mixpanel');
const amplitude = require('@amplitude/analytics-node');
const mixpanel = Mixpanel.init('MIXPANEL_TOKEN');
amplitude.init('YOUR_AMPLITUDE_API_KEY');

mixpanel.people.track_charge('user-12345', 29.99, { sku: 'pro-monthly' });
mixpanel.people.delete_user('user-67890');
