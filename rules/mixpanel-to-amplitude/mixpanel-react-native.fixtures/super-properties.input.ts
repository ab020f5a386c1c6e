import { Mixpanel } from 'mixpanel-react-native';

const mixpanel = new Mixpanel('0123456789abcdef', true);

export function app(version: string): void {
  mixpanel.registerSuperProperties({ version });
}
