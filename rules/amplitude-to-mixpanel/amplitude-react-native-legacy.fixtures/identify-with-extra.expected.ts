import { Amplitude, Identify } from '@amplitude/react-native';

export function profile(identify: Identify): void {
  Amplitude.getInstance().identify(identify, { source: 'profile' });
}
