import { track } from '@amplitude/analytics-node';

export function viewed(req: { user: { id: string }; path: string }): void {
  track('Page Viewed', { path: req.path }, { user_id: req.user.id });
}
