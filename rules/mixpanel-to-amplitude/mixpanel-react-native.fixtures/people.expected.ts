import * as amplitude from '@amplitude/analytics-react-native';

export function profile(email: string): void {
  amplitude.identify(new amplitude.Identify().set('email', email));
  amplitude.identify(new amplitude.Identify().setOnce('firstSeen', Date.now()).setOnce('source', 'app'));
  amplitude.identify(new amplitude.Identify().add('logins', 1));
  amplitude.identify(new amplitude.Identify().add('visits', 1));
  amplitude.identify(new amplitude.Identify().postInsert('wallets', ['w1']));
  amplitude.identify(new amplitude.Identify().append('roles', 'admin'));
  amplitude.identify(new amplitude.Identify().remove('roles', 'guest'));
  amplitude.identify(new amplitude.Identify().unset('legacy'));
}
