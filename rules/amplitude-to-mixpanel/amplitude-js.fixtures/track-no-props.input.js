import amplitude from 'amplitude-js';

amplitude.getInstance().logEvent('App Opened');
