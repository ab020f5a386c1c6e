const mixpanel = require('mixpanel-browser');

module.exports = function onCheckout(cart) {
  mixpanel.track('Checkout Started', { items: cart.items.length });
};
