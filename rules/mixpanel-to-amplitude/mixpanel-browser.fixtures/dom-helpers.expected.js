import mixpanel from 'mixpanel-browser';

mixpanel.track_links('#nav a', 'Nav Clicked');
mixpanel.track_pageview();
