import amplitude from 'amplitude-js';

amplitude.getInstance().clearUserProperties();
