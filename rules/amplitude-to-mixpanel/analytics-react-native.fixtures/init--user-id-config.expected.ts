import mixpanel from 'mixpanel-browser';

export function boot(userId: string): void {
  mixpanel.init('YOUR_MIXPANEL_PROJECT_TOKEN', { api_host: 'https://api-eu.mixpanel.com' });
  mixpanel.identify(userId);
}
