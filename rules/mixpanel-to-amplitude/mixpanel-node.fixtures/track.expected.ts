import * as amplitude from '@amplitude/analytics-node';

amplitude.init('YOUR_AMPLITUDE_API_KEY');

export function ordered(userId: string, total: number): void {
  amplitude.track('Order Placed', { total, currency: 'EUR' }, { user_id: userId });
}
