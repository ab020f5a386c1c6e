import { Mixpanel } from 'mixpanel-react-native';
const mixpanel = new Mixpanel('YOUR_MIXPANEL_PROJECT_TOKEN', false);

export async function beforeLeave(): Promise<void> {
  mixpanel.flush();
}
