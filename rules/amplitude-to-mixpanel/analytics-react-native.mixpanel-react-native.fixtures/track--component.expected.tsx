import React from 'react';
import { Button } from 'react-native';
import { Mixpanel } from 'mixpanel-react-native';
const mixpanel = new Mixpanel('YOUR_MIXPANEL_PROJECT_TOKEN', false);

export function PlayButton({ songId }: { songId: string }) {
  return <Button title="Play" onPress={() => mixpanel.track('Song Played', { songId })} />;
}
