import { Mixpanel } from 'mixpanel-react-native';
const mixpanel = new Mixpanel('YOUR_MIXPANEL_PROJECT_TOKEN', false);

mixpanel.getGroup('org', 'acme').set('tier', 'gold');
mixpanel.getGroup('org', 'acme').union('regions', 'eu');
