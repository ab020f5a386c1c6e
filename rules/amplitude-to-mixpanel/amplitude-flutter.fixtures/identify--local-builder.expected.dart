import 'package:mixpanel_flutter/mixpanel_flutter.dart';

void profile(Mixpanel amplitude, int count) {
  // The Identify is built in a local used by this call only: it goes with the call.
  amplitude.getPeople().set('seen_at', DateTime.now().toIso8601String());
  amplitude.getPeople().increment('visits', count);
}
