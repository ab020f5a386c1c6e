import 'package:amplitude_flutter/amplitude.dart';
import 'package:amplitude_flutter/events/base_event.dart';

void opened(Amplitude amplitude) {
  amplitude.track(BaseEvent('App Opened', userId: 'user-12345'));
}
