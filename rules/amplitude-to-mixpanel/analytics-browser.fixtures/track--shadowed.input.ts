import { track } from '@amplitude/analytics-browser';

export function withTracker(track: (n: string, p: object) => void) {
  track('from parameter', {});
}

track('Module Loaded', {});
