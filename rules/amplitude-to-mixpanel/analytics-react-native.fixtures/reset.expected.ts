import mixpanel from 'mixpanel-browser';

export function logout(): void {
  mixpanel.reset();
}
