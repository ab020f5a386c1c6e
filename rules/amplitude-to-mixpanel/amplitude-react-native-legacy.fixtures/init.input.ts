import { Amplitude, Identify } from '@amplitude/react-native';

Amplitude.getInstance().init('0123456789abcdef0123456789abcdef');

export function opened(): void {
  Amplitude.getInstance().logEvent('App Opened');
}
