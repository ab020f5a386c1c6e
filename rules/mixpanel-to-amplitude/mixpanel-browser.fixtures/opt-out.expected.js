import * as amplitude from '@amplitude/analytics-browser';

export function onDecline() {
  amplitude.setOptOut(true);
}
