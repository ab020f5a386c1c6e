import { Amplitude, Identify } from '@amplitude/react-native';

export function newDevice(): void {
  Amplitude.getInstance().regenerateDeviceId();
}
