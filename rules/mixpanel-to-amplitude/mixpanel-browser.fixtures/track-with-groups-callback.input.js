import mixpanel from 'mixpanel-browser';

mixpanel.track_with_groups('Report Exported', { format: 'csv' }, { company: 'acme' }, () => done());
