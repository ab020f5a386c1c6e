import * as amplitude from '@amplitude/analytics-react-native';

const trackAutomaticEvents = true;
amplitude.init('YOUR_AMPLITUDE_API_KEY');

export function signedUp(plan: string): void {
  amplitude.track('Signed Up', { plan });
}
