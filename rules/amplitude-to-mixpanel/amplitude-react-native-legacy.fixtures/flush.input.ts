import { Amplitude, Identify } from '@amplitude/react-native';

export function background(): void {
  Amplitude.getInstance().uploadEvents();
}
