import { Amplitude, Identify } from '@amplitude/react-native';

export function org(id: string): void {
  const identify = new Identify();
  identify.set('plan', 'pro');
  Amplitude.getInstance().groupIdentify('company', id, identify);
}
