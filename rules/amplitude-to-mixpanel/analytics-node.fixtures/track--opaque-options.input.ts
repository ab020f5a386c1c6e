import * as amplitude from '@amplitude/analytics-node';

export function send(name: string, opts: { user_id: string }): void {
  amplitude.track(name, {}, opts);
}
