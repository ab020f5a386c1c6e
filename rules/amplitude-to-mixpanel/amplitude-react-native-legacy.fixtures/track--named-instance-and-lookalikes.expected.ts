import { Amplitude } from '@amplitude/react-native';
import { Mixpanel } from 'mixpanel-react-native';
const mixpanel = new Mixpanel('YOUR_MIXPANEL_PROJECT_TOKEN', false);

const Analytics = { logEvent(name: string): void { console.log(name); } };

export function go(): void {
  Analytics.logEvent('local');
  Amplitude.getInstance('staging').logEvent('Staging Event');
  mixpanel.track('Real Event', { a: 1 });
}
