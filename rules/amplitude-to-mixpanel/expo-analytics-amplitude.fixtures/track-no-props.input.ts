import * as Amplitude from 'expo-analytics-amplitude';

export function opened(): void {
  Amplitude.logEventAsync('App Opened');
}
