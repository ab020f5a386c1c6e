import mixpanel from 'mixpanel-browser';

mixpanel.people.unset(['trial', 'coupon']);
mixpanel.people.set_once('first_seen', new Date().toISOString());
mixpanel.people.union('tags', ['beta']);
