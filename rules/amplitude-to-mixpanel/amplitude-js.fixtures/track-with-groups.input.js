import amplitude from 'amplitude-js';

amplitude.getInstance().logEventWithGroups('Report Exported', { format: 'csv' }, { org: 'acme' });
