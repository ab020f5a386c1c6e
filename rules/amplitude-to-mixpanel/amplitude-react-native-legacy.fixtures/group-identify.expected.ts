import { Mixpanel } from 'mixpanel-react-native';
const mixpanel = new Mixpanel('YOUR_MIXPANEL_PROJECT_TOKEN', false);

export function org(id: string): void {
  mixpanel.getGroup('company', id).set('plan', 'pro');
}
