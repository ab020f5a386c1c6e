const amplitude = require('@amplitude/analytics-react-native');

amplitude.init('YOUR_AMPLITUDE_API_KEY');

module.exports.opened = function opened() {
  amplitude.track('App Opened', { cold: true });
};
