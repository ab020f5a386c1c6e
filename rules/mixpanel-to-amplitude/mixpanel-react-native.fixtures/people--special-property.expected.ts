import { Mixpanel } from 'mixpanel-react-native';

const mixpanel = new Mixpanel('0123456789abcdef', true);

export function profile(email: string): void {
  mixpanel.getPeople().set('$email', email);
}
