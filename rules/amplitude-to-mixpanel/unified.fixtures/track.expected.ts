import mixpanel from 'mixpanel-browser';

mixpanel.track('Song Played', { title: 'Blue' });
