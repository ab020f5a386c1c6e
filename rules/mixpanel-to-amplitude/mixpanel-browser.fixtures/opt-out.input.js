import mixpanel from 'mixpanel-browser';

export function onDecline() {
  mixpanel.opt_out_tracking();
}
