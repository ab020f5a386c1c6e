import mixpanel from 'mixpanel-browser';

export function login(user) {
  mixpanel.identify(user.id);
}
