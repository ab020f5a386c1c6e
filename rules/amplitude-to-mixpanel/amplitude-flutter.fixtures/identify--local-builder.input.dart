import 'package:amplitude_flutter/amplitude.dart';
import 'package:amplitude_flutter/events/identify.dart';

void profile(Amplitude amplitude, int count) {
  // The Identify is built in a local used by this call only: it goes with the call.
  final Identify identify1 = Identify()
    ..set('seen_at', DateTime.now().toIso8601String())
    ..add('visits', count);
  amplitude.identify(identify1);
}
