import Mixpanel from 'mixpanel';

export function joinOrg(userId: string, orgId: string): void {
  mixpanel.people.set(userId, { ['org']: orgId });
}
