import { Amplitude, Identify } from '@amplitude/react-native';

const amplitude = Amplitude.getInstance();

export function played(songId: string): void {
  amplitude.logEvent('Song Played', { songId });
}
