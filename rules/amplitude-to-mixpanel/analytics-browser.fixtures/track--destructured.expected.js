import mixpanel from 'mixpanel-browser';

export function onSearch(query) {
  mixpanel.track('Searched', { query });
}
