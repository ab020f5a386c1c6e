// Loaded through the amplitude-js script snippet: no import.
function onSignup(plan) {
  mixpanel.track('Signed Up', { plan: plan });
}
