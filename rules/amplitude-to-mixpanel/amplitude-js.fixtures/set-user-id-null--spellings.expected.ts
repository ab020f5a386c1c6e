import amplitude from 'amplitude-js';

// Every spelling of a null user id is a logout: listed for review, never identify(null).
export function logout(): void {
  amplitude.getInstance().setUserId(null as any);
  amplitude.getInstance().setUserId((null));
  amplitude.getInstance().setUserId(null!);
  amplitude.getInstance().setUserId(undefined);
  amplitude.getInstance().setUserId(void 0);
  amplitude.getInstance().setUserId(<any>null);
}
