import mixpanel from 'mixpanel-browser';

export function updateProfile(user) {
  mixpanel.people.set({ 'email': user.email, 'name': user.name });
  mixpanel.people.unset('legacy_flag');
}
