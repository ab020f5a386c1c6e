import { Mixpanel } from 'mixpanel-react-native';
const mixpanel = new Mixpanel('YOUR_MIXPANEL_PROJECT_TOKEN', false);

export function profile(email: string): void {
  mixpanel.getPeople().set({ email });
}
