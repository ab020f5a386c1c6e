import mixpanel from 'mixpanel-browser';

export function onAccept() {
  mixpanel.opt_in_tracking();
}
