import * as amplitude from '@amplitude/analytics-browser';

export function onAccept() {
  amplitude.setOptOut(false);
}
