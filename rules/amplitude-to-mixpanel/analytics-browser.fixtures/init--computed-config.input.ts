import * as amplitude from '@amplitude/analytics-browser';
import { config } from './config';

amplitude.init(config.amplitudeKey, config.amplitudeOptions);
