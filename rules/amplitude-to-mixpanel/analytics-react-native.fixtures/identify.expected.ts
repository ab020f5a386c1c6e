import mixpanel from 'mixpanel-browser';

mixpanel.people.set('plan', 'pro');
mixpanel.people.increment('logins', 1);
mixpanel.people.unset('trial');
