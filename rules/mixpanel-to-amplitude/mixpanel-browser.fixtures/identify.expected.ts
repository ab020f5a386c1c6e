import * as amplitude from '@amplitude/analytics-browser';

export function login(user: { id: string }): void {
  amplitude.setUserId(user.id);
}
