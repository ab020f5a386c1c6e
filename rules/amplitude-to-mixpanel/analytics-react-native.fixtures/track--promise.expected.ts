import mixpanel from 'mixpanel-browser';

export async function checkout(total: number): Promise<void> {
  mixpanel.track('Checkout Completed', { total });
  window.location.assign('/thanks');
}
