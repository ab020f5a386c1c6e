import React from 'react';
import { Button } from 'react-native';
import * as amplitude from '@amplitude/analytics-react-native';

export function PlayButton({ songId }: { songId: string }) {
  return <Button title="Play" onPress={() => amplitude.track('Song Played', { songId })} />;
}
