import mixpanel from 'mixpanel-browser';

export function report(kind: string) {
  mixpanel.track('Report Opened', { kind });
  mixpanel.track('Report Closed', { kind });
}
