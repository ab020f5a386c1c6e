import mixpanel from 'mixpanel-browser';

export function logout() {
  mixpanel.reset();
}
