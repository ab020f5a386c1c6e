import { Mixpanel } from 'mixpanel-react-native';

const mixpanel = new Mixpanel('0123456789abcdef', true);

export async function optedOut(): Promise<boolean> {
  return mixpanel.hasOptedOutTracking();
}
