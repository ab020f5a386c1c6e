import * as amplitude from '@amplitude/analytics-react-native';

export function optIn(): void {
  amplitude.setOptOut(false);
}
