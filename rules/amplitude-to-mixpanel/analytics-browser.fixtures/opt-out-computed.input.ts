import * as amplitude from '@amplitude/analytics-browser';

export function onConsent(granted: boolean): void {
  amplitude.setOptOut(!granted);
}
