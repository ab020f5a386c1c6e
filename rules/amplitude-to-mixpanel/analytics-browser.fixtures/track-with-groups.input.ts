import * as amplitude from '@amplitude/analytics-browser';

amplitude.track('Report Exported', { format: 'csv' }, { groups: { org: 'acme' } });
