import * as amplitude from '@amplitude/analytics-react-native';

export function profile(a: string, b: string): void {
  amplitude.identify(new amplitude.Identify().set('a', a).set('b', b).append('tags', 'x').append('roles', 'y').unset('old').unset('older'));
}
