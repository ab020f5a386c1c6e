import amplitude from 'amplitude-js';

const userId = amplitude.getInstance().getUserId();
console.log(userId);
