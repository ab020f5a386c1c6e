import mixpanel from 'mixpanel-browser';

function getMixpanel() {
  if (typeof window === 'undefined') return null;
  return mixpanel;
}

export function onCheckout(total: number): void {
  getMixpanel()!.track('Checkout', { total });
}
