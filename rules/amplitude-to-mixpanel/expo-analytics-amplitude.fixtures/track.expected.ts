import { Mixpanel } from 'mixpanel-react-native';
const mixpanel = new Mixpanel('YOUR_MIXPANEL_PROJECT_TOKEN', false);

export async function played(songId: string): Promise<void> {
  await mixpanel.track('Song Played', { songId });
}
