import * as Amplitude from 'expo-analytics-amplitude';

export async function login(id: string): Promise<void> {
  await Amplitude.setUserIdAsync(id);
}
