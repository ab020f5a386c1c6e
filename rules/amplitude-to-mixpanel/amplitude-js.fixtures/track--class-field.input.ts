import amplitude from 'amplitude-js';

export class Analytics {
  private client = amplitude.getInstance();

  pageViewed(path: string): void {
    this.client.logEvent('Page Viewed', { path });
  }
}
