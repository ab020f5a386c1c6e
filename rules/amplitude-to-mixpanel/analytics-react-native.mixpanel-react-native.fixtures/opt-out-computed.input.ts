import * as amplitude from '@amplitude/analytics-react-native';

export function onConsent(granted: boolean): void {
  amplitude.setOptOut(!granted);
}
