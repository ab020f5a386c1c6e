import * as amplitude from '@amplitude/analytics-browser';

amplitude.track('Song Played', { title: 'Blue' });
