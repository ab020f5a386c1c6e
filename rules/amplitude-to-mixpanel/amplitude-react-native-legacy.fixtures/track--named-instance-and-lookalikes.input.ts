import { Amplitude } from '@amplitude/react-native';

const Analytics = { logEvent(name: string): void { console.log(name); } };

export function go(): void {
  Analytics.logEvent('local');
  Amplitude.getInstance('staging').logEvent('Staging Event');
  Amplitude.getInstance().logEvent('Real Event', { a: 1 });
}
