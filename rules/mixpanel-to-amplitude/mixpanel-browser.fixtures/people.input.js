import mixpanel from 'mixpanel-browser';

mixpanel.people.set({ plan: 'pro', 'seat count': 5 });
mixpanel.people.set('theme', 'dark');
