import { Amplitude, Identify } from '@amplitude/react-native';

export function profile(): void {
  const identify = new Identify();
  identify.preInsert('devices', 'ios');
  Amplitude.getInstance().identify(identify);
}
