const amplitude = require('@amplitude/analytics-browser');

module.exports.search = function search(q) {
  amplitude.track('Searched', { q: q });
};
