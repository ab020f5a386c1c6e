const Mixpanel = require('mixpanel');
const mixpanel = Mixpanel.init('MIXPANEL_TOKEN');

module.exports = (name, props) => mixpanel.track(name, props);
