import { Mixpanel } from 'mixpanel-react-native';

const mixpanel = new Mixpanel('0123456789abcdef', false);
mixpanel.init(false, { platform: 'mobile' });
