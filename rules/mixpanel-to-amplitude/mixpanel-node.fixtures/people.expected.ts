import * as amplitude from '@amplitude/analytics-node';

amplitude.init('YOUR_AMPLITUDE_API_KEY');

export function profile(userId: string, plan: string): void {
  amplitude.identify(new amplitude.Identify().set('plan', plan).set('seats', 5), { user_id: userId });
  amplitude.identify(new amplitude.Identify().add('logins', 1), { user_id: userId });
  amplitude.identify(new amplitude.Identify().unset('trial').unset('coupon'), { user_id: userId });
}
