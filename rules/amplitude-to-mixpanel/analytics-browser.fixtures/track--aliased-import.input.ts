import { track as ampTrack, logEvent } from '@amplitude/analytics-browser';

export function report(kind: string) {
  ampTrack('Report Opened', { kind });
  logEvent('Report Closed', { kind });
}
