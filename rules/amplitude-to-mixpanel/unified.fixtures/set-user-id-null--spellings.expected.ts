import * as amplitude from '@amplitude/unified';

// Every spelling of a null user id is a logout: listed for review, never identify(null).
export function forget(): void {
  amplitude.setUserId(null as unknown as string);
  amplitude.setUserId((undefined));
  amplitude.setUserId(undefined!);
  amplitude.setUserId(void 0);
  amplitude.setUserId(null satisfies null);
}
