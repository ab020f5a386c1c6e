import { Mixpanel } from 'mixpanel-react-native';
const mixpanel = new Mixpanel('YOUR_MIXPANEL_PROJECT_TOKEN', false);

export function join(org: string): void {
  mixpanel.setGroup('company', org);
}
