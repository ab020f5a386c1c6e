import * as amplitude from '@amplitude/analytics-react-native';

export function forget(): void {
  amplitude.setUserId(undefined);
}
