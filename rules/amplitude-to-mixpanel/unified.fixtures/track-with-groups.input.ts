import * as amplitude from '@amplitude/unified';

amplitude.track('Report Exported', { format: 'csv' }, { groups: { org: 'acme' } });
