import * as amplitude from '@amplitude/unified';

export function onConsent(granted: boolean): void {
  amplitude.setOptOut(!granted);
}
