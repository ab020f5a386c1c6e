import amplitude from 'amplitude-js';

amplitude.getInstance().identify(new amplitude.Identify().set('plan', 'pro').setOnce('first_seen', '2024-01-01').add('logins', 1));
