import { track as ampTrack, logEvent } from '@amplitude/unified';

export function report(kind: string) {
  ampTrack('Report Opened', { kind });
  logEvent('Report Closed', { kind });
}
