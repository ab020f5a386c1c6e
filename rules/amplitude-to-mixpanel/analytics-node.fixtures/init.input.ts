import * as amplitude from '@amplitude/analytics-node';

amplitude.init('AMPLITUDE_API_KEY', { serverZone: 'EU', flushQueueSize: 50 });

export function signedUp(userId: string, plan: string): void {
  amplitude.track('Signed Up', { plan }, { user_id: userId });
}
