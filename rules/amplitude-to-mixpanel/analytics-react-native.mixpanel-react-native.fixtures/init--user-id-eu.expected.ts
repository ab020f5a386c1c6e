import { Mixpanel } from 'mixpanel-react-native';

const mixpanel = new Mixpanel(process.env.EXPO_PUBLIC_MIXPANEL_TOKEN!, false);
await mixpanel.init(false, {}, 'https://api-eu.mixpanel.com');
mixpanel.identify('user-12345');

export function booted(): void {
  mixpanel.track('Booted');
}
