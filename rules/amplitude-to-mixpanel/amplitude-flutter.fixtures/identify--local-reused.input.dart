import 'package:amplitude_flutter/amplitude.dart';
import 'package:amplitude_flutter/events/identify.dart';

void profile(Amplitude amplitude) {
  final identify = Identify()..set('plan', 'pro');
  amplitude.identify(identify);
  print(identify);
}
