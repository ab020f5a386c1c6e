import Mixpanel from 'mixpanel';

const mixpanel = Mixpanel.init('YOUR_MIXPANEL_PROJECT_TOKEN', { host: 'api-eu.mixpanel.com' });

export function signedUp(userId: string, plan: string): void {
  mixpanel.track('Signed Up', { plan, distinct_id: userId });
}
