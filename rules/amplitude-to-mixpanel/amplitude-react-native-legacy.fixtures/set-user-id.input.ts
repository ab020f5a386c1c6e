import { Amplitude, Identify } from '@amplitude/react-native';

export async function login(id: string): Promise<void> {
  await Amplitude.getInstance().setUserId(id);
}
