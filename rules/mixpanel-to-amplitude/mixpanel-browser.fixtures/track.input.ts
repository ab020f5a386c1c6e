import mixpanel from 'mixpanel-browser';

export function played(title: string): void {
  mixpanel.track('Song Played', { title });
}
