export async function trackLazily(name: string): Promise<void> {
  const { default: mixpanel } = await import('mixpanel-browser');
  mixpanel.track(name, { lazy: true });
}
