import Mixpanel from 'mixpanel';

export function viewed(req: { user: { id: string }; path: string }): void {
  mixpanel.track('Page Viewed', { path: req.path, distinct_id: req.user.id });
}
