import { Mixpanel } from 'mixpanel-react-native';

const mixpanel = new Mixpanel('0123456789abcdef', true);

export function buy(): void {
  mixpanel.getPeople().trackCharge(9.99, { sku: 'a' });
  mixpanel.getPeople().deleteUser();
}
