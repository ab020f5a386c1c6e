import amplitude from 'amplitude-js';

const sessionId = amplitude.getInstance().getSessionId();
console.log(sessionId);
