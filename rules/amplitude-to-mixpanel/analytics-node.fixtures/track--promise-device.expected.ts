import Mixpanel from 'mixpanel';
const mixpanel = Mixpanel.init(process.env.MIXPANEL_TOKEN);

export async function anonymousVisit(deviceId: string, props: Record<string, unknown>): Promise<void> {
  mixpanel.track('Visit', { ...props, distinct_id: deviceId, $insert_id: `${deviceId}-visit` });
}
