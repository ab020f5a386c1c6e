import mixpanel from 'mixpanel-browser';

export function login(user: { id: string }): void {
  mixpanel.identify(user.id);
}
