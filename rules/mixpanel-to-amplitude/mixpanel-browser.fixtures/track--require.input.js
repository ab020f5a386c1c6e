const mixpanel = require('mixpanel-browser');

module.exports.search = function search(q) {
  mixpanel.track('Searched', { q: q });
};
