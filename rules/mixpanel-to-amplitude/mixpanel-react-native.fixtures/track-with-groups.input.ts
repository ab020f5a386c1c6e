import { Mixpanel } from 'mixpanel-react-native';

const mixpanel = new Mixpanel('0123456789abcdef', true);

export function paid(org: string): void {
  mixpanel.trackWithGroups('Invoice Paid', { amount: 10 }, { company: org });
}
