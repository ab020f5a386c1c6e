const amplitude = require('amplitude-js');

module.exports = function onCheckout(cart) {
  amplitude.getInstance().logEvent('Checkout Started', { items: cart.items.length });
};
