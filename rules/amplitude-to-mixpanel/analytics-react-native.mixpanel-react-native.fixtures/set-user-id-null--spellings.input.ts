import * as amplitude from '@amplitude/analytics-react-native';

// Every spelling of a null user id is a logout: listed for review, never identify(null).
export function forget(): void {
  amplitude.setUserId(null as any);
  amplitude.setUserId((null));
  amplitude.setUserId(undefined!);
  amplitude.setUserId(void 0);
  amplitude.setUserId();
}
