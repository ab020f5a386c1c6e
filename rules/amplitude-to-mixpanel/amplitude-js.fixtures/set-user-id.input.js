import amplitude from 'amplitude-js';

export function login(user) {
  amplitude.getInstance().setUserId(user.id);
}
