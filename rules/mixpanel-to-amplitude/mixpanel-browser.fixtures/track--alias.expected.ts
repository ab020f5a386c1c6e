import * as amplitude from '@amplitude/analytics-browser';

export function onSignup(plan: string): void {
  amplitude.track('Signed Up', { plan });
}
