import * as Amplitude from '@amplitude/node';

const client = Amplitude.init(process.env.AMPLITUDE_API_KEY!);

export function signedUp(userId: string, plan: string): void {
  client.logEvent({ event_type: 'Signed Up', user_id: userId, event_properties: { plan } });
}
