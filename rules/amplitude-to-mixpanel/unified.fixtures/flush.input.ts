import * as amplitude from '@amplitude/unified';

export async function beforeLeave(): Promise<void> {
  await amplitude.flush().promise;
}
