import { identify, Identify } from '@amplitude/analytics-react-native';

identify(new Identify().set('plan', 'pro').add('logins', 1).unset('trial'));
