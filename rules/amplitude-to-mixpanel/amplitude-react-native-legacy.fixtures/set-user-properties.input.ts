import { Amplitude, Identify } from '@amplitude/react-native';

export function profile(email: string): void {
  Amplitude.getInstance().setUserProperties({ email, plan: 'pro' });
}
