import { Amplitude, Identify } from '@amplitude/react-native';

export function join(org: string): void {
  Amplitude.getInstance().setGroup('company', org);
}
