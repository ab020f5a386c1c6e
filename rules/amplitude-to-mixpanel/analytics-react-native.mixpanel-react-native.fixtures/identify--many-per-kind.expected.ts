import { Mixpanel } from 'mixpanel-react-native';
const mixpanel = new Mixpanel('YOUR_MIXPANEL_PROJECT_TOKEN', false);

export function profile(a: string, b: string): void {
  mixpanel.getPeople().set({ 'a': a, 'b': b });
  mixpanel.getPeople().append('tags', 'x');
  mixpanel.getPeople().append('roles', 'y');
  mixpanel.getPeople().unset('old');
  mixpanel.getPeople().unset('older');
}
