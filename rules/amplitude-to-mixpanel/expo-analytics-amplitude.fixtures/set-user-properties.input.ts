import * as Amplitude from 'expo-analytics-amplitude';

export function profile(email: string): void {
  Amplitude.setUserPropertiesAsync({ email });
}
