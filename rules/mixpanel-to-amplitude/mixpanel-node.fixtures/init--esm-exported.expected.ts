import Mixpanel from 'mixpanel';
import * as amplitude from '@amplitude/analytics-node';

export const mixpanel = Mixpanel.init('MIXPANEL_TOKEN');
amplitude.init('YOUR_AMPLITUDE_API_KEY');
