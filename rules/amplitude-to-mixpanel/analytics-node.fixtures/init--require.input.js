const { init, track } = require('@amplitude/analytics-node');

init(process.env.AMPLITUDE_API_KEY);

function ordered(userId, total) {
  track('Order Placed', { total }, { user_id: userId });
}

module.exports = { ordered };
