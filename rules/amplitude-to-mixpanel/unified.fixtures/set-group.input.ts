import { setGroup } from '@amplitude/unified';

setGroup('org', ['acme', 'globex']);
