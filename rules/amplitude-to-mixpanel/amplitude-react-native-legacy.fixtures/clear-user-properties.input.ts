import { Amplitude, Identify } from '@amplitude/react-native';

export function wipe(): void {
  Amplitude.getInstance().clearUserProperties();
}
