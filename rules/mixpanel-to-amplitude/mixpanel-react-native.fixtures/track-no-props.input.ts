import { Mixpanel } from 'mixpanel-react-native';

const mixpanel = new Mixpanel('0123456789abcdef', true);

export function opened(): void {
  mixpanel.track('App Opened');
}
