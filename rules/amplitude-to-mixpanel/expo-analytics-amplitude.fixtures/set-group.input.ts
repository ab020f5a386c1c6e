import * as Amplitude from 'expo-analytics-amplitude';

export function join(sports: string[]): void {
  Amplitude.setGroupAsync('sports', sports);
}
