import amplitude from 'amplitude-js';

amplitude.getInstance().setUserId('user-12345', true);
