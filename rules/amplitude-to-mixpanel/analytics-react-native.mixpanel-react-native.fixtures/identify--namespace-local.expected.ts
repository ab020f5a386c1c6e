import { Mixpanel } from 'mixpanel-react-native';
const mixpanel = new Mixpanel('YOUR_MIXPANEL_PROJECT_TOKEN', false);

export function profile(user: { email: string; team: string }): void {
  mixpanel.getPeople().set('email', user.email);
  mixpanel.getPeople().setOnce('team', user.team);
}
