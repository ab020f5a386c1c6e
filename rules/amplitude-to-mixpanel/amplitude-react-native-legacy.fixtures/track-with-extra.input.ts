import { Amplitude, Identify } from '@amplitude/react-native';

export function opened(): void {
  Amplitude.getInstance().logEvent('App Opened', {}, { screen: 'home' });
}
