import * as amplitude from '@amplitude/analytics-react-native';

amplitude.track('Song Played', { title: 'Blue' });
