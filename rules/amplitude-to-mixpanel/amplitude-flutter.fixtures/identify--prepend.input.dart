import 'package:amplitude_flutter/amplitude.dart';
import 'package:amplitude_flutter/events/identify.dart';

void profile(Amplitude amplitude) {
  amplitude.identify(Identify()..prepend('tags', 'new'));
}
