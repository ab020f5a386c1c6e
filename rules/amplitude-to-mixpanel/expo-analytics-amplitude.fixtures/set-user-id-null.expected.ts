import * as Amplitude from 'expo-analytics-amplitude';

export async function logout(): Promise<void> {
  await Amplitude.setUserIdAsync(null);
}
