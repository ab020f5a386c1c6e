import { setGroup } from '@amplitude/analytics-react-native';

setGroup('org', ['acme', 'globex']);
