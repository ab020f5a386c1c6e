import * as amplitude from '@amplitude/analytics-react-native';

export function boot(userId: string): void {
  amplitude.init('AMPLITUDE_API_KEY', userId, { serverZone: 'EU', trackingSessionEvents: true });
}
