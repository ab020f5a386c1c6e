import Mixpanel from 'mixpanel';
const mixpanel = Mixpanel.init(process.env.MIXPANEL_TOKEN);

export function sync(userId: string, user: { plan: string; tags: string[] }): void {
  mixpanel.people.set(userId, 'plan', user.plan);
  mixpanel.people.union(userId, { 'tags': user.tags });
  mixpanel.people.remove(userId, { 'flags': 'legacy' });
}
