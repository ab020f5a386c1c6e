const mixpanel = require('mixpanel-browser');

function search(q) {
  mixpanel.track('Searched', { q });
}

module.exports = { search };
