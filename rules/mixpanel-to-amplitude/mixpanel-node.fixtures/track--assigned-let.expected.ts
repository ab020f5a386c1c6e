import * as amplitude from '@amplitude/analytics-node';

amplitude.init(process.env.AMPLITUDE_API_KEY!);

export function orderPlaced(userId: string, total: number): void {
  amplitude.track('Order Placed', { total }, { user_id: userId });
}
