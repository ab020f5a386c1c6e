import React from 'react';
import { track, setUserId } from '@amplitude/analytics-react-native';

export function Buy({ sku }: { sku: string }) {
  return <button onClick={() => track('Buy Clicked', { sku })}>Buy</button>;
}

export function login(id: string) {
  setUserId(id);
}
