import * as amplitude from '@amplitude/analytics-react-native';

export async function beforeLeave(): Promise<void> {
  await amplitude.flush().promise;
}
