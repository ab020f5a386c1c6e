import { track } from '@amplitude/analytics-react-native';

declare const analytics: { track(name: string, props: object): void };

function logEvent(name: string, props: object) {
  console.debug(name, props);
}

export function go(): void {
  logEvent('local helper', {});
  analytics.track('Segment Event', {});
  // track('commented out', {});
  const code = "track('in a string', {})";
  track('Real Event', { code });
}
