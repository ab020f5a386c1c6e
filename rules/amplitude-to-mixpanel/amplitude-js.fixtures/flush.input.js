import amplitude from 'amplitude-js';

window.addEventListener('beforeunload', () => amplitude.getInstance().sendEvents());
