export async function trackLazily(name: string): Promise<void> {
  const amplitude = await import('@amplitude/analytics-browser');
  amplitude.track(name, { lazy: true });
}
