import amplitude from 'amplitude-js';

const amp = amplitude.getInstance();

export function viewed(page) {
  amp.logEvent('Page Viewed', { page });
}
