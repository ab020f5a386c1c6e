import * as amplitude from '@amplitude/analytics-node';

process.on('SIGTERM', async () => {
  await amplitude.flush().promise;
  process.exit(0);
});
