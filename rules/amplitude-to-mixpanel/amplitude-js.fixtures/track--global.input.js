// Loaded through the amplitude-js script snippet: no import.
function onSignup(plan) {
  amplitude.getInstance().logEvent('Signed Up', { plan: plan });
}
