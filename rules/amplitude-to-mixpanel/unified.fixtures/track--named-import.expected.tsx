import React from 'react';
import mixpanel from 'mixpanel-browser';

export function Buy({ sku }: { sku: string }) {
  return <button onClick={() => mixpanel.track('Buy Clicked', { sku })}>Buy</button>;
}

export function login(id: string) {
  mixpanel.identify(id);
}
