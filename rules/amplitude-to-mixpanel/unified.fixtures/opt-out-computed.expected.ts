import mixpanel from 'mixpanel-browser';

export function onConsent(granted: boolean): void {
  (!granted ? mixpanel.opt_out_tracking({ delete_user: false }) : mixpanel.opt_in_tracking());
}
