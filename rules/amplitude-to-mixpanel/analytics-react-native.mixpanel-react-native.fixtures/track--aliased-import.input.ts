import { track as ampTrack, logEvent } from '@amplitude/analytics-react-native';

export function report(kind: string) {
  ampTrack('Report Opened', { kind });
  logEvent('Report Closed', { kind });
}
