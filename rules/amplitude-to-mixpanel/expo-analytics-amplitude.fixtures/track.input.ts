import * as Amplitude from 'expo-analytics-amplitude';

export async function played(songId: string): Promise<void> {
  await Amplitude.logEventWithPropertiesAsync('Song Played', { songId });
}
