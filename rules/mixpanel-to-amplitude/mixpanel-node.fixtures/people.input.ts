import Mixpanel from 'mixpanel';

const mixpanel = Mixpanel.init('MIXPANEL_TOKEN');

export function profile(userId: string, plan: string): void {
  mixpanel.people.set(userId, { plan, seats: 5 });
  mixpanel.people.increment(userId, 'logins');
  mixpanel.people.unset(userId, ['trial', 'coupon']);
}
