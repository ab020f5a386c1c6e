import * as amplitude from '@amplitude/analytics-react-native';

export function login(userId: string): void {
  amplitude.setUserId(userId);
}
