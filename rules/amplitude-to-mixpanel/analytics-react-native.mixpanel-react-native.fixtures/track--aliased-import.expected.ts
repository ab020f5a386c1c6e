import { Mixpanel } from 'mixpanel-react-native';
const mixpanel = new Mixpanel('YOUR_MIXPANEL_PROJECT_TOKEN', false);

export function report(kind: string) {
  mixpanel.track('Report Opened', { kind });
  mixpanel.track('Report Closed', { kind });
}
