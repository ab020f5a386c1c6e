import { Mixpanel } from 'mixpanel-react-native';

const mixpanel = new Mixpanel('0123456789abcdef', true);

export function viewed(screen: string): void {
  mixpanel.track('Screen Viewed', { screen });
}
