import * as amplitude from '@amplitude/analytics-react-native';
import { myEnrichmentPlugin } from './plugins';

amplitude.add(myEnrichmentPlugin());
