import amplitude from 'amplitude-js';

amplitude.getInstance().setOptOut(true);
