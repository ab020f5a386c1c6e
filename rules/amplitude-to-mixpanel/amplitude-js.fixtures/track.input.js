import amplitude from 'amplitude-js';

amplitude.getInstance().logEvent('Signed Up', { plan: 'pro' });
