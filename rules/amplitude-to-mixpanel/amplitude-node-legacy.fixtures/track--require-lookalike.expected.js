const Amplitude = require('@amplitude/node');
const analytics = require('./analytics');

const client = Amplitude.init('0123456789abcdef0123456789abcdef');

function logEvent(e) {
  return e;
}

module.exports.go = function go(userId) {
  logEvent({ event_type: 'local' });
  analytics.logEvent({ event_type: 'wrapper' });
  client.logEvent({ event_type: 'Went', user_id: userId });
};
