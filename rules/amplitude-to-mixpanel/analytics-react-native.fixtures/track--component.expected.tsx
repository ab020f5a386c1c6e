import React from 'react';
import { Button } from 'react-native';
import mixpanel from 'mixpanel-browser';

export function PlayButton({ songId }: { songId: string }) {
  return <Button title="Play" onPress={() => mixpanel.track('Song Played', { songId })} />;
}
