import { Mixpanel } from 'mixpanel-react-native';
const mixpanel = new Mixpanel('YOUR_MIXPANEL_PROJECT_TOKEN', false);

export function withTracker(track: (n: string, p: object) => void) {
  track('from parameter', {});
}

mixpanel.track('Module Loaded', {});
