import Mixpanel from 'mixpanel';
const mixpanel = Mixpanel.init(process.env.MIXPANEL_TOKEN);

export function viewed(req: { user: { id: string }; path: string }): void {
  mixpanel.track('Page Viewed', { path: req.path, distinct_id: req.user.id });
}
