import amplitude from 'amplitude-js';

amplitude.getInstance().regenerateDeviceId();
