import amplitude from 'amplitude-js';

export function logout() {
  amplitude.getInstance().setUserId(null);
}
