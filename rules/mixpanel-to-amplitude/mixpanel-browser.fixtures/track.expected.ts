import * as amplitude from '@amplitude/analytics-browser';

export function played(title: string): void {
  amplitude.track('Song Played', { title });
}
