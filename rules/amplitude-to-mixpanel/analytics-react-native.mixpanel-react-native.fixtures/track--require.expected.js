const { Mixpanel } = require('mixpanel-react-native');
const mixpanel = new Mixpanel('YOUR_MIXPANEL_PROJECT_TOKEN', false);

function search(q) {
  mixpanel.track('Searched', { q });
}

module.exports = { search };
