import * as amplitude from '@amplitude/analytics-node';

export function joinOrg(userId: string, orgId: string): void {
  amplitude.setGroup('org', orgId, { user_id: userId });
}
