const { Mixpanel } = require('mixpanel-react-native');

const mixpanel = new Mixpanel('0123456789abcdef', true);
mixpanel.init();

module.exports.opened = function opened() {
  mixpanel.track('App Opened', { cold: true });
};
