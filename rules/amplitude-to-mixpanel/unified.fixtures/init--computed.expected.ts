import * as amplitude from '@amplitude/unified';
import { unifiedOptions } from './config';

amplitude.initAll(process.env.AMPLITUDE_KEY!, unifiedOptions);
