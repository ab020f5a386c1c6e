import mixpanel from 'mixpanel-browser';

mixpanel.people.set({ plan: 'pro', seats: 5 });
