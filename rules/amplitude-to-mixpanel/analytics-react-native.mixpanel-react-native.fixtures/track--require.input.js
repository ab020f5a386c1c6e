const amplitude = require('@amplitude/analytics-react-native');

function search(q) {
  amplitude.logEvent('Searched', { q });
}

module.exports = { search };
