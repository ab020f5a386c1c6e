import * as amplitude from '@amplitude/analytics-react-native';

export function paid(org: string): void {
  amplitude.track('Invoice Paid', { amount: 10 }, { groups: { company: org } });
}
