import * as amplitude from '@amplitude/analytics-browser';

export async function beforeLeave(): Promise<void> {
  await amplitude.flush().promise;
}
