import { identify, Identify } from '@amplitude/analytics-node';

export function onSignup(userId: string, email: string): void {
  identify(new Identify().set('email', email).setOnce('signup_at', Date.now()).add('logins', 1), { user_id: userId });
}
