import { Amplitude, Identify } from '@amplitude/react-native';

export async function boot(): Promise<void> {
  await Amplitude.getInstance().init('0123456789abcdef0123456789abcdef');
}
