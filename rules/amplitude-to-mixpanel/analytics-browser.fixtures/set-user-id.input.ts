import * as amplitude from '@amplitude/analytics-browser';

export function login(userId: string): void {
  amplitude.setUserId(userId);
}
