import React, { createContext } from 'react';
import { Mixpanel } from 'mixpanel-react-native';

const mixpanel = new Mixpanel('0123456789abcdef', true);
mixpanel.init();

export const AnalyticsContext = createContext<Mixpanel | null>(null);

export function AnalyticsProvider({ children }: { children: React.ReactNode }): JSX.Element {
  return <AnalyticsContext.Provider value={mixpanel}>{children}</AnalyticsContext.Provider>;
}
