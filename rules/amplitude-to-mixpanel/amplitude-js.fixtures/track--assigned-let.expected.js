import mixpanel from 'mixpanel-browser';

export function logView(page) {
  mixpanel.track('Page Viewed', { page });
}
