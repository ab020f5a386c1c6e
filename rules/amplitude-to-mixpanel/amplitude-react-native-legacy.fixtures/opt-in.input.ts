import { Amplitude, Identify } from '@amplitude/react-native';

Amplitude.getInstance().setOptOut(false);
