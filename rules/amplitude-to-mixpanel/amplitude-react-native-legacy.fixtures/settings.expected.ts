import { Amplitude, Identify } from '@amplitude/react-native';

Amplitude.getInstance().setServerZone('EU');
