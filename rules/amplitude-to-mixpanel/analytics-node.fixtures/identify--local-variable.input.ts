import * as amplitude from '@amplitude/analytics-node';

export function sync(userId: string, user: { plan: string; tags: string[] }): void {
  const props = new amplitude.Identify().set('plan', user.plan);
  props.postInsert('tags', user.tags);
  props.remove('flags', 'legacy');
  amplitude.identify(props, { user_id: userId });
}
