import * as amplitude from '@amplitude/analytics-react-native';

export function viewed(screen: string): void {
  amplitude.track('Screen Viewed', { screen });
}
