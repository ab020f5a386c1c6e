const Mixpanel = require('mixpanel');
const amplitude = require('@amplitude/analytics-node');
const mixpanel = Mixpanel.init('MIXPANEL_TOKEN');
amplitude.init('YOUR_AMPLITUDE_API_KEY');

mixpanel.track('Job Finished', { distinct_id: 'worker-1' }, (err) => {
  if (err) console.error(err);
});
