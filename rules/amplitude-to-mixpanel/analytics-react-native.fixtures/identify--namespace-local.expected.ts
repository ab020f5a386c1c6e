import mixpanel from 'mixpanel-browser';

export function profile(user: { email: string; team: string }): void {
  mixpanel.people.set('email', user.email);
  mixpanel.people.set_once('team', user.team);
}
