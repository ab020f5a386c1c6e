import mixpanel from 'mixpanel-browser';

export function applyConsent(consent) {
  (!consent.analytics ? mixpanel.opt_out_tracking({ delete_user: false }) : mixpanel.opt_in_tracking());
}
