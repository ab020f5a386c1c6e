import * as amplitude from '@amplitude/unified';

amplitude.track('Song Played', { title: 'Blue' });
