import { Mixpanel } from 'mixpanel-react-native';

export const mixpanel = new Mixpanel('0123456789abcdef', true);
mixpanel.init();
