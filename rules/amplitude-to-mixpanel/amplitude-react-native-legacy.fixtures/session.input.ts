import { Amplitude, Identify } from '@amplitude/react-native';

export async function session(): Promise<number> {
  return Amplitude.getInstance().getSessionId();
}
