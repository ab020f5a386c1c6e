// Browser SDK 2 script loader: window.amplitude, no import.
async function signup(plan) {
  await window.amplitude.track('Signed Up', { plan }).promise;
}
