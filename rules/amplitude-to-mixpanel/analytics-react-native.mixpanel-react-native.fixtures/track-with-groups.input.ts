import * as amplitude from '@amplitude/analytics-react-native';

amplitude.track('Report Exported', { format: 'csv' }, { groups: { org: 'acme' } });
