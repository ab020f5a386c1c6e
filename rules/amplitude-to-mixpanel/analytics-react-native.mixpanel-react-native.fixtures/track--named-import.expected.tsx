import React from 'react';
import { Mixpanel } from 'mixpanel-react-native';
const mixpanel = new Mixpanel('YOUR_MIXPANEL_PROJECT_TOKEN', false);

export function Buy({ sku }: { sku: string }) {
  return <button onClick={() => mixpanel.track('Buy Clicked', { sku })}>Buy</button>;
}

export function login(id: string) {
  mixpanel.identify(id);
}
