import amplitude from 'amplitude-js';

function logEvent(name, props) {
  console.log(name, props);
}

export function run(analytics) {
  logEvent('local', {});
  analytics.track('Segment Event', {});
  // amplitude.getInstance().logEvent('commented', {});
  const s = "amplitude.getInstance().logEvent('in a string', {})";
  amplitude.getInstance().logEvent('Real', { s });
}
