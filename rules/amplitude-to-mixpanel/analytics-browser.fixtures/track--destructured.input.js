import * as amplitude from '@amplitude/analytics-browser';

const { track } = amplitude;

export function onSearch(query) {
  track('Searched', { query });
}
