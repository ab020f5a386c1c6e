const Mixpanel = require('mixpanel');
const mixpanel = Mixpanel.init('MIXPANEL_TOKEN');

mixpanel.track('Job Finished', { distinct_id: 'worker-1' }, (err) => {
  if (err) console.error(err);
});
