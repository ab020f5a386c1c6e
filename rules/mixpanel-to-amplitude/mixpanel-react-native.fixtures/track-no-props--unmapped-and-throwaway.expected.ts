import { Mixpanel, MixpanelProperties } from 'mixpanel-react-native';
import * as amplitude from '@amplitude/analytics-react-native';

const mixpanel = new Mixpanel('0123456789abcdef', true);

export function perf(report: MixpanelProperties): void {
  new Mixpanel('0123456789abcdef', true).track('perf', report);
  amplitude.track('Perf Reported');
  mixpanel.someFutureMethod();
}
