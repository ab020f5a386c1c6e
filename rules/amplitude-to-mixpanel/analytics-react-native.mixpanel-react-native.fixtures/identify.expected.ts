import { Mixpanel } from 'mixpanel-react-native';
const mixpanel = new Mixpanel('YOUR_MIXPANEL_PROJECT_TOKEN', false);

mixpanel.getPeople().set('plan', 'pro');
mixpanel.getPeople().increment('logins', 1);
mixpanel.getPeople().unset('trial');
