import * as Amplitude from 'expo-analytics-amplitude';

Amplitude.initializeAsync('0123456789abcdef0123456789abcdef');

export function opened(): void {
  Amplitude.logEventAsync('App Opened');
}
