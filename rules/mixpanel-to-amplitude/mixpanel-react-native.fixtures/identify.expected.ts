import * as amplitude from '@amplitude/analytics-react-native';

export async function login(userId: string): Promise<void> {
  await amplitude.setUserId(userId);
}
