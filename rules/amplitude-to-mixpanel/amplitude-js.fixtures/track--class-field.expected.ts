import mixpanel from 'mixpanel-browser';

export class Analytics {
  pageViewed(path: string): void {
    mixpanel.track('Page Viewed', { path });
  }
}
