import * as amplitude from '@amplitude/analytics-react-native';

export function background(): void {
  amplitude.flush();
}
