import { Mixpanel } from 'mixpanel-react-native';

const mixpanel = new Mixpanel('0123456789abcdef', true);

export function profile(email: string): void {
  mixpanel.getPeople().set('email', email);
  mixpanel.getPeople().setOnce({ firstSeen: Date.now(), source: 'app' });
  mixpanel.getPeople().increment('logins', 1);
  mixpanel.getPeople().increment('visits');
  mixpanel.getPeople().union('wallets', ['w1']);
  mixpanel.getPeople().append('roles', 'admin');
  mixpanel.getPeople().remove('roles', 'guest');
  mixpanel.getPeople().unset('legacy');
}
