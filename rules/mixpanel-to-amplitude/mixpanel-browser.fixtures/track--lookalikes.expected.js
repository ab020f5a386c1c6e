import * as amplitude from '@amplitude/analytics-browser';

function track(name, props) {
  console.log('local', name, props);
}

export function run(analytics, tracker) {
  track('local helper', {});
  analytics.track('Segment Event', {});
  tracker.mixpanel.track('not the SDK', {});
  // mixpanel.track('commented out', {});
  const s = "mixpanel.track('in a string', {})";
  amplitude.track('Real Event', { s });
}
