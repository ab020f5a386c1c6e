import mixpanel from 'mixpanel-browser';

mixpanel.people.append('visited', '/pricing', () => console.log('saved'));
