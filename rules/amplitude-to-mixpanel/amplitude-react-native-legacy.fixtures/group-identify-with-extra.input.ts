import { Amplitude, Identify } from '@amplitude/react-native';

export function org(id: string, identify: Identify): void {
  Amplitude.getInstance().groupIdentify('company', id, identify, { why: 'x' });
}
