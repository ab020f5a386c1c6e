import { Mixpanel } from 'mixpanel-react-native';

const mixpanel = new Mixpanel('0123456789abcdef', true);

export function org(id: string): void {
  mixpanel.getGroup('company', id).set('plan', 'pro');
  mixpanel.getGroup('company', id).setOnce('created', '2024-01-01');
  mixpanel.getGroup('company', id).unset('trial');
}
