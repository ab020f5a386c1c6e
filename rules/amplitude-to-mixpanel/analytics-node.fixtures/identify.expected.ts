import Mixpanel from 'mixpanel';
const mixpanel = Mixpanel.init(process.env.MIXPANEL_TOKEN);

export function onSignup(userId: string, email: string): void {
  mixpanel.people.set(userId, 'email', email);
  mixpanel.people.set_once(userId, 'signup_at', Date.now());
  mixpanel.people.increment(userId, 'logins', 1);
}
