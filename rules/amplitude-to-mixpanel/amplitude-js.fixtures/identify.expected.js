import mixpanel from 'mixpanel-browser';

mixpanel.people.set('plan', 'pro');
mixpanel.people.set_once('first_seen', '2024-01-01');
mixpanel.people.increment('logins', 1);
