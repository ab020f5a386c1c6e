import { setGroup } from '@amplitude/analytics-browser';

setGroup('org', ['acme', 'globex']);
