const amplitude = require('@amplitude/unified');

function search(q) {
  amplitude.logEvent('Searched', { q });
}

module.exports = { search };
