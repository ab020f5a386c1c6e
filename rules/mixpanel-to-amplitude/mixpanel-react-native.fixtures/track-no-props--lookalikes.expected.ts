import * as amplitude from '@amplitude/analytics-react-native';
import analytics from '@segment/analytics-react-native';

function track(name: string): void {
  console.log(name);
}

export function screen(tracker: { track(n: string): void }, name: string): void {
  track(name);
  analytics.track(name);
  tracker.track(name);
  const label = "mixpanel.track('x')"; // a string, not a call
  // mixpanel.track('commented out');
  amplitude.track(label);
}

export function shadowed(mixpanel: { track(n: string): void }): void {
  mixpanel.track('local');
}
