import { Mixpanel } from 'mixpanel-react-native';
const mixpanel = new Mixpanel('YOUR_MIXPANEL_PROJECT_TOKEN', false);

export function played(songId: string): void {
  mixpanel.track('Song Played', { songId });
}
