import * as amplitude from '@amplitude/analytics-browser';

export function logout() {
  amplitude.reset();
}
