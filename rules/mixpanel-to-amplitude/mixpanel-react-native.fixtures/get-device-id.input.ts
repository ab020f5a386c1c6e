import { Mixpanel } from 'mixpanel-react-native';

const mixpanel = new Mixpanel('0123456789abcdef', true);

export async function device(): Promise<string | undefined> {
  return await mixpanel.getDeviceId();
}
