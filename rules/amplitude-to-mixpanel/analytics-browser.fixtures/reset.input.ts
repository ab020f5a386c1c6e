import * as amplitude from '@amplitude/analytics-browser';

export function logout(): void {
  amplitude.reset();
}
