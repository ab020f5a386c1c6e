import { Mixpanel } from 'mixpanel-react-native';
import analytics from '@segment/analytics-react-native';

const mixpanel = new Mixpanel('0123456789abcdef', true);

function track(name: string): void {
  console.log(name);
}

export function screen(tracker: { track(n: string): void }, name: string): void {
  track(name);
  analytics.track(name);
  tracker.track(name);
  const label = "mixpanel.track('x')"; // a string, not a call
  // mixpanel.track('commented out');
  mixpanel.track(label);
}

export function shadowed(mixpanel: { track(n: string): void }): void {
  mixpanel.track('local');
}
