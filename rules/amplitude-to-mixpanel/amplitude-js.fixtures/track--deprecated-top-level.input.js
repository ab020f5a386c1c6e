import amplitude from 'amplitude-js';

amplitude.logEvent('Legacy Clicked', { where: 'footer' });
