import { Mixpanel } from 'mixpanel-react-native';

const trackAutomaticEvents = true;
const mixpanel = new Mixpanel('0123456789abcdef', trackAutomaticEvents);
mixpanel.init();

export function signedUp(plan: string): void {
  mixpanel.track('Signed Up', { plan });
}
