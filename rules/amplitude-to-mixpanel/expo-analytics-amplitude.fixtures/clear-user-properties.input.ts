import * as Amplitude from 'expo-analytics-amplitude';

export function wipe(): void {
  Amplitude.clearUserPropertiesAsync();
}
