import amplitude from 'amplitude-js';

export function updateProfile(user) {
  const identify = new amplitude.Identify().set('email', user.email);
  identify.set('name', user.name);
  identify.unset('legacy_flag');
  amplitude.getInstance().identify(identify);
}
