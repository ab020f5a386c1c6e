import * as amplitude from '@amplitude/analytics-browser';

export function forget(): void {
  amplitude.setUserId(undefined);
}
