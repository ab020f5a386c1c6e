import mixpanel from 'mixpanel-browser';

export function login(userId: string): void {
  mixpanel.identify(userId);
}
