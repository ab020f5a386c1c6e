import * as amplitude from '@amplitude/analytics-react-native';

await amplitude.init(process.env.EXPO_PUBLIC_AMPLITUDE_API_KEY!, 'user-12345', { serverZone: 'EU' }).promise;

export function booted(): void {
  amplitude.track('Booted');
}
