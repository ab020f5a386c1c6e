import { Mixpanel } from 'mixpanel-react-native';
const mixpanel = new Mixpanel('YOUR_MIXPANEL_PROJECT_TOKEN', false);

export async function checkout(total: number): Promise<void> {
  mixpanel.track('Checkout Completed', { total });
  window.location.assign('/thanks');
}
