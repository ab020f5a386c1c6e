import { Mixpanel } from 'mixpanel-react-native';

const mixpanel = new Mixpanel(process.env.MIXPANEL_TOKEN!, true);

export async function start(): Promise<void> {
  await mixpanel.init(false, {}, 'https://api-eu.mixpanel.com');
  mixpanel.track('App Started');
}
