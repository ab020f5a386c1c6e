import { identify, Identify } from '@amplitude/unified';

identify(new Identify().set('plan', 'pro').add('logins', 1).unset('trial'));
