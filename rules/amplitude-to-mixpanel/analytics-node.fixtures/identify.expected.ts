import Mixpanel from 'mixpanel';

export function onSignup(userId: string, email: string): void {
  mixpanel.people.set(userId, 'email', email);
  mixpanel.people.set_once(userId, 'signup_at', Date.now());
  mixpanel.people.increment(userId, 'logins', 1);
}
