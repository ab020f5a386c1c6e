import React, { useEffect } from 'react';
import * as amplitude from '@amplitude/analytics-react-native';

export function App(): JSX.Element {
  useEffect(() => {
    (async () => {
      await amplitude.init('YOUR_AMPLITUDE_API_KEY').promise;
      amplitude.track('App Opened', { cold: true });
    })();
  }, []);
  return <></>;
}
