import amplitude from 'amplitude-js';

amplitude.getInstance().init('AMPLITUDE_API_KEY', 'user-12345', {
  serverZone: 'EU',
  serverZoneBasedApi: true,
  includeUtm: true,
});
