import * as amplitude from '@amplitude/unified';
import { myEnrichmentPlugin } from './plugins';

amplitude.add(myEnrichmentPlugin());
