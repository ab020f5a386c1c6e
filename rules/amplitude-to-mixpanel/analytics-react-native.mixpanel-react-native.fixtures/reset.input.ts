import * as amplitude from '@amplitude/analytics-react-native';

export function logout(): void {
  amplitude.reset();
}
