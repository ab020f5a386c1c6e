import { Mixpanel } from 'mixpanel-react-native';
const mixpanel = new Mixpanel('YOUR_MIXPANEL_PROJECT_TOKEN', false);

export function consent(granted: boolean): void {
  (!granted ? mixpanel.optOutTracking() : mixpanel.optInTracking());
}
