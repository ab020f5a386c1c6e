import * as amplitude from '@amplitude/analytics-react-native';

export async function device(): Promise<string | undefined> {
  return await amplitude.getDeviceId();
}
