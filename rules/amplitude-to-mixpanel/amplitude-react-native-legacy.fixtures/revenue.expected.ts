import { Amplitude, Identify } from '@amplitude/react-native';

export function bought(): void {
  Amplitude.getInstance().logRevenue({ price: 9.99, productId: 'sku' });
}
