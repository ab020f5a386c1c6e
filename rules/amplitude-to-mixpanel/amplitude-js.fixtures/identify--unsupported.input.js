import amplitude from 'amplitude-js';

amplitude.getInstance().identify(new amplitude.Identify().prepend('visits', '/home'));
