import * as Amplitude from 'expo-analytics-amplitude';

Amplitude.setTrackingOptionsAsync({ disableIPAddress: true });
