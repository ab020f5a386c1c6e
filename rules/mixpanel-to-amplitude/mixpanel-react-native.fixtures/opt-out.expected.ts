import * as amplitude from '@amplitude/analytics-react-native';

export function optOut(): void {
  amplitude.setOptOut(true);
}
