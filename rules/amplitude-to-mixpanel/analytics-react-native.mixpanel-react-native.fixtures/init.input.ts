import { init } from '@amplitude/analytics-react-native';

init('AMPLITUDE_API_KEY');
