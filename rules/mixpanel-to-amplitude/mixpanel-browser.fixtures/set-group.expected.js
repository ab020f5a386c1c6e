import * as amplitude from '@amplitude/analytics-browser';

amplitude.setGroup('company', ['acme', 'globex']);
