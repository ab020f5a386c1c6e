import { track } from '@amplitude/analytics-react-native';

export function withTracker(track: (n: string, p: object) => void) {
  track('from parameter', {});
}

track('Module Loaded', {});
