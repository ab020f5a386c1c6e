import { initialize, logEvent, logEventWithProperties, setUserId } from 'expo-analytics-amplitude';

initialize('0123456789abcdef0123456789abcdef');

function logEventLocal(name) {
  console.log(name);
}

export function go(user) {
  logEventLocal('local');
  setUserId(user.id);
  logEvent('Opened');
  logEventWithProperties('Viewed', { screen: 'home' });
}
