import mixpanel from 'mixpanel-browser';

mixpanel.people.increment('logins');
mixpanel.people.increment('credits', 5);
