import mixpanel from 'mixpanel-browser';

export function viewed(page) {
  mixpanel.track('Page Viewed', { page });
}
