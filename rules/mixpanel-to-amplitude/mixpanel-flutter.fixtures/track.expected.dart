import 'package:amplitude_flutter/amplitude.dart';
import 'package:amplitude_flutter/events/base_event.dart';

void opened(Amplitude mixpanel) {
  mixpanel.track(BaseEvent('App Opened'));
}
