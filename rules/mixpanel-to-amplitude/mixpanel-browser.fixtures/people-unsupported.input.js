import mixpanel from 'mixpanel-browser';

mixpanel.people.track_charge(29.99, { sku: 'pro-monthly' });
