import * as amplitude from '@amplitude/unified';

export function login(userId: string): void {
  amplitude.setUserId(userId);
}
