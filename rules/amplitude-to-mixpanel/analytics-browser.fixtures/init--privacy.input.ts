import { init } from '@amplitude/analytics-browser';

export function initStats(key: string) {
  init(key, '-', {
    minIdLength: 1,
    trackingOptions: { ipAddress: false, language: false },
  });
}
