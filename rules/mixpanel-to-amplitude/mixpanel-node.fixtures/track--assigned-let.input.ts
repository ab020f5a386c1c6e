import Mixpanel from 'mixpanel';

let mixpanel: Mixpanel.Mixpanel | undefined;
mixpanel = Mixpanel.init(process.env.MIXPANEL_TOKEN!);

export function orderPlaced(userId: string, total: number): void {
  mixpanel!.track('Order Placed', { distinct_id: userId, total });
}
