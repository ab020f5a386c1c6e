import React, { useEffect } from 'react';
import { Mixpanel } from 'mixpanel-react-native';

export function App(): JSX.Element {
  useEffect(() => {
    (async () => {
      const mixpanel = await Mixpanel.init('0123456789abcdef', true);
      mixpanel.track('App Opened', { cold: true });
    })();
  }, []);
  return <></>;
}
