import 'package:amplitude_flutter/amplitude.dart';

void opened(Amplitude analytics) {
  analytics.logEvent('App Opened');
}
