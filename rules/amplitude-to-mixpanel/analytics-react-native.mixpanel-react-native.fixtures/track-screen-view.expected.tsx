import React, { useEffect } from 'react';
import { Text } from 'react-native';
import { trackScreenView } from '@amplitude/analytics-react-native';

export function SettingsScreen() {
  useEffect(() => {
    trackScreenView('Settings');
  }, []);
  return <Text>Settings</Text>;
}
