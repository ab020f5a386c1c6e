import mixpanel from 'mixpanel-browser';

export function saveProfile(profile) {
  mixpanel.people.set(profile);
}
