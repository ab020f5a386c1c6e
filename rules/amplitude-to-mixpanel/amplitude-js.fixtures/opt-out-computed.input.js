import amplitude from 'amplitude-js';

export function applyConsent(consent) {
  amplitude.getInstance().setOptOut(!consent.analytics);
}
