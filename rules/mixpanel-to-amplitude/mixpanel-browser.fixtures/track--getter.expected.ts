import * as amplitude from '@amplitude/analytics-browser';

export function onCheckout(total: number): void {
  amplitude.track('Checkout', { total });
}
