import * as amplitude from '@amplitude/analytics-react-native';

export function profile(user: { email: string; team: string }): void {
  const id = new amplitude.Identify();
  id.set('email', user.email);
  id.setOnce('team', user.team);
  amplitude.identify(id);
}
