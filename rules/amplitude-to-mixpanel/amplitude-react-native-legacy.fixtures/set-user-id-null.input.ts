import { Amplitude, Identify } from '@amplitude/react-native';

export function logout(): void {
  Amplitude.getInstance().setUserId(null);
}
