import amplitude from 'amplitude-js';

let client;
client = amplitude.getInstance();

export function logView(page) {
  client.logEvent('Page Viewed', { page });
}
