import { Amplitude, Identify } from '@amplitude/react-native';

export function profile(plan: string): void {
  const identify = new Identify();
  identify.set('plan', plan);
  identify.add('logins', 1);
  identify.postInsert('devices', 'ios');
  Amplitude.getInstance().identify(identify);
}
