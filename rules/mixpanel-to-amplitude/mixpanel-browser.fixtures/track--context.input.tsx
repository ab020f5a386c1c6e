import mixpanel from 'mixpanel-browser';
import React, { createContext, useContext } from 'react';

const AnalyticsContext = createContext(mixpanel);

export function BuyButton() {
  const analytics = useContext(AnalyticsContext);
  return <button onClick={() => analytics.track('Buy Clicked', { from: 'button' })}>Buy</button>;
}

export function SellButton() {
  return <button onClick={() => useContext(AnalyticsContext).track('Sell Clicked')}>Sell</button>;
}
