const Mixpanel = require('mixpanel');

const mixpanel = Mixpanel.init('YOUR_MIXPANEL_PROJECT_TOKEN');

function ordered(userId, total) {
  mixpanel.track('Order Placed', { total, distinct_id: userId });
}

module.exports = { ordered };
