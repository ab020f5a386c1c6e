import * as amplitude from '@amplitude/analytics-node';

export async function anonymousVisit(deviceId: string, props: Record<string, unknown>): Promise<void> {
  await amplitude.track('Visit', props, { device_id: deviceId, insert_id: `${deviceId}-visit` }).promise;
}
