import { Amplitude, Identify } from '@amplitude/react-native';

Amplitude.getInstance().addEventMiddleware((payload, next) => next(payload));
