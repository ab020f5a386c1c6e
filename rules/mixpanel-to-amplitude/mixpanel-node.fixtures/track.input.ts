import Mixpanel from 'mixpanel';

const mixpanel = Mixpanel.init('MIXPANEL_TOKEN');

export function ordered(userId: string, total: number): void {
  mixpanel.track('Order Placed', { total, distinct_id: userId, currency: 'EUR' });
}
