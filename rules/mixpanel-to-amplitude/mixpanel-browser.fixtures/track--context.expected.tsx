import * as amplitude from '@amplitude/analytics-browser';
import React, { createContext, useContext } from 'react';

export function BuyButton() {
  return <button onClick={() => amplitude.track('Buy Clicked', { from: 'button' })}>Buy</button>;
}

export function SellButton() {
  return <button onClick={() => amplitude.track('Sell Clicked')}>Sell</button>;
}
