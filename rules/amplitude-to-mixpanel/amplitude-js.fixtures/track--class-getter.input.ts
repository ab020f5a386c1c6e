import amplitude from 'amplitude-js';

export class Tracker {
  private instance: any;

  constructor() {
    this.instance = amplitude.getInstance();
  }

  get client() {
    return this.instance;
  }

  send(name: string) {
    this.client.logEvent(name, { source: 'tracker' });
  }
}
