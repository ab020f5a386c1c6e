import 'package:amplitude_flutter/amplitude.dart';
import 'package:amplitude_flutter/events/identify.dart';

void profile(Amplitude amplitude, List<int> counts) {
  final identify = Identify()..set('visits', counts.length);
  counts.add(1);
  amplitude.identify(identify);
}
