import { track } from '@amplitude/unified';

export function withTracker(track: (n: string, p: object) => void) {
  track('from parameter', {});
}

track('Module Loaded', {});
