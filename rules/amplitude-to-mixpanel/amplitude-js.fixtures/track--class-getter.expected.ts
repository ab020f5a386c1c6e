import amplitude from 'amplitude-js';
import mixpanel from 'mixpanel-browser';

export class Tracker {
  private instance: any;

  constructor() {
    this.instance = amplitude.getInstance();
  }

  get client() {
    return this.instance;
  }

  send(name: string) {
    mixpanel.track(name, { source: 'tracker' });
  }
}
