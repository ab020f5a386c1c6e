import mixpanel from 'mixpanel-browser';

mixpanel.time_event('Video Watched');
