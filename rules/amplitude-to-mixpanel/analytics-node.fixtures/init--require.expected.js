const Mixpanel = require('mixpanel');

const mixpanel = Mixpanel.init(process.env.MIXPANEL_TOKEN);

function ordered(userId, total) {
  mixpanel.track('Order Placed', { total, distinct_id: userId });
}

module.exports = { ordered };
