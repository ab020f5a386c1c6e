import mixpanel from 'mixpanel-browser';

export function withTracker(track: (n: string, p: object) => void) {
  track('from parameter', {});
}

mixpanel.track('Module Loaded', {});
