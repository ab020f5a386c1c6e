import * as amplitude from '@amplitude/analytics-browser';
import { ENV_CONFIG } from './envs/constants';
import { config } from './config';

export function a() {
  amplitude.init(ENV_CONFIG.amplitudeApiKey, undefined);
}

export function b() {
  amplitude.init(config.get('amplitudeKey'));
}
