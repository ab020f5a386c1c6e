// Browser SDK 2 script loader: window.amplitude, no import.
async function signup(plan) {
  mixpanel.track('Signed Up', { plan });
}
