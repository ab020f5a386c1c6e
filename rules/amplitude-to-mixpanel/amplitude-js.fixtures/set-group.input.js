import amplitude from 'amplitude-js';

amplitude.getInstance().setGroup('org', 'acme');
