import amplitude from 'amplitude-js';

amplitude.getInstance().setUserProperties({ plan: 'pro', seats: 5 });
