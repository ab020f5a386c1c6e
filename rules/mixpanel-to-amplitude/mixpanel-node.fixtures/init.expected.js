const amplitude = require('@amplitude/analytics-node');

amplitude.init(process.env.AMPLITUDE_API_KEY, { serverZone: 'EU' });

function signedUp(userId, plan) {
  amplitude.track('Signed Up', { plan }, { user_id: userId });
}

module.exports = { signedUp };
