const amplitude = require('@amplitude/analytics-browser');

function search(q) {
  amplitude.logEvent('Searched', { q });
}

module.exports = { search };
