import mixpanelBrowser from 'mixpanel-browser';

const mp = mixpanelBrowser;

export function onSignup(plan: string): void {
  mp.track('Signed Up', { plan });
}
