import { Mixpanel } from 'mixpanel-react-native';
const mixpanel = new Mixpanel('YOUR_MIXPANEL_PROJECT_TOKEN', false);

export function profile(plan: string): void {
  mixpanel.getPeople().set('plan', plan);
  mixpanel.getPeople().increment('logins', 1);
  mixpanel.getPeople().union('devices', 'ios');
}
