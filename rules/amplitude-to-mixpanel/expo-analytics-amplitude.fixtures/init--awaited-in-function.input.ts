import * as Amplitude from 'expo-analytics-amplitude';

export async function boot(): Promise<void> {
  await Amplitude.initializeAsync('0123456789abcdef0123456789abcdef');
}
