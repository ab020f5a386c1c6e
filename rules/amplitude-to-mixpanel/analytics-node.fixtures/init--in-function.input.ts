import * as amplitude from '@amplitude/analytics-node';

export function setup(key: string): void {
  amplitude.init(key);
}
