import { Mixpanel } from 'mixpanel-react-native';
const mixpanel = new Mixpanel('YOUR_MIXPANEL_PROJECT_TOKEN', false);

export async function login(id: string): Promise<void> {
  await mixpanel.identify(id);
}
