import { Amplitude, Identify } from '@amplitude/react-native';

export function consent(granted: boolean): void {
  Amplitude.getInstance().setOptOut(!granted);
}
