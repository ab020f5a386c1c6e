import { Mixpanel } from 'mixpanel-react-native';

const mixpanel = new Mixpanel('0123456789abcdef', true);

export async function login(userId: string): Promise<void> {
  await mixpanel.identify(userId);
}
