import * as amplitude from '@amplitude/analytics-react-native';

export async function checkout(total: number): Promise<void> {
  await amplitude.track('Checkout Completed', { total }).promise;
  window.location.assign('/thanks');
}
