import Mixpanel from 'mixpanel';
const mixpanel = Mixpanel.init(process.env.MIXPANEL_TOKEN);

export function joinOrg(userId: string, orgId: string): void {
  mixpanel.people.set(userId, { ['org']: orgId });
}
