import mixpanel from 'mixpanel-browser';

export function initStats(key: string) {
  mixpanel.init(key, { ip: false });
  mixpanel.identify('-');
}
