import mixpanel from 'mixpanel-browser';
import { ENV_CONFIG } from './envs/constants';
import { config } from './config';

export function a() {
  mixpanel.init(ENV_CONFIG.mixpanelToken);
}

export function b() {
  mixpanel.init(config.get('mixpanelToken'));
}
