import { Mixpanel } from 'mixpanel-react-native';

const mixpanel = new Mixpanel('0123456789abcdef', true);

export function merge(a: string, b: string): void {
  mixpanel.alias(a, b);
}
