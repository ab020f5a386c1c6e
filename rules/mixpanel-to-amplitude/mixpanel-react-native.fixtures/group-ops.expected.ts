import * as amplitude from '@amplitude/analytics-react-native';

export function org(id: string): void {
  amplitude.groupIdentify('company', id, new amplitude.Identify().set('plan', 'pro'));
  amplitude.groupIdentify('company', id, new amplitude.Identify().setOnce('created', '2024-01-01'));
  amplitude.groupIdentify('company', id, new amplitude.Identify().unset('trial'));
}
