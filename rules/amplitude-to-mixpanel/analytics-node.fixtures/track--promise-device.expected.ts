import Mixpanel from 'mixpanel';

export async function anonymousVisit(deviceId: string, props: Record<string, unknown>): Promise<void> {
  mixpanel.track('Visit', { ...props, distinct_id: deviceId, $insert_id: `${deviceId}-visit` });
}
