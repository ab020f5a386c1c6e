import * as amplitude from '@amplitude/analytics-react-native';

export function join(org: string): void {
  amplitude.setGroup('company', org);
}
