import amplitude from 'amplitude-js';

amplitude.getInstance().init('AMPLITUDE_API_KEY', null, {}, (client) => {
  console.log('ready', client.options.deviceId);
});
