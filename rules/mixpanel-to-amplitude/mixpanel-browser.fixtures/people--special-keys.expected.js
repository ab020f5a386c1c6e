import mixpanel from 'mixpanel-browser';

mixpanel.people.set({ $email: 'a@example.com', plan: 'pro' });
mixpanel.people.set_once('$created', new Date());
