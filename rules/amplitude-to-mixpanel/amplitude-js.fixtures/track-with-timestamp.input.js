import amplitude from 'amplitude-js';

amplitude.getInstance().logEventWithTimestamp('Backfilled', { n: 1 }, 1700000000000);
