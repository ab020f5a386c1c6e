import { identify, Identify } from '@amplitude/analytics-browser';

identify(new Identify().set('plan', 'pro').add('logins', 1).unset('trial'));
