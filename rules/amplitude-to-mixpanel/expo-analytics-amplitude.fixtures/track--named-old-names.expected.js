import { Mixpanel } from 'mixpanel-react-native';

const mixpanel = new Mixpanel('YOUR_MIXPANEL_PROJECT_TOKEN', false);
mixpanel.init();

function logEventLocal(name) {
  console.log(name);
}

export function go(user) {
  logEventLocal('local');
  mixpanel.identify(user.id);
  mixpanel.track('Opened');
  mixpanel.track('Viewed', { screen: 'home' });
}
