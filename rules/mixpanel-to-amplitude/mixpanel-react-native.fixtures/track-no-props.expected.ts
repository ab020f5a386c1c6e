import * as amplitude from '@amplitude/analytics-react-native';

export function opened(): void {
  amplitude.track('App Opened');
}
