import { Mixpanel } from 'mixpanel-react-native';
const mixpanel = new Mixpanel('YOUR_MIXPANEL_PROJECT_TOKEN', false);

declare const analytics: { track(name: string, props: object): void };

function logEvent(name: string, props: object) {
  console.debug(name, props);
}

export function go(): void {
  logEvent('local helper', {});
  analytics.track('Segment Event', {});
  // track('commented out', {});
  const code = "track('in a string', {})";
  mixpanel.track('Real Event', { code });
}
