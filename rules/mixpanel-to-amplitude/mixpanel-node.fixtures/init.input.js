const Mixpanel = require('mixpanel');

const mixpanel = Mixpanel.init(process.env.MIXPANEL_TOKEN, { host: 'api-eu.mixpanel.com', keepAlive: false });

function signedUp(userId, plan) {
  mixpanel.track('Signed Up', { distinct_id: userId, plan });
}

module.exports = { signedUp };
