import 'package:amplitude_flutter/amplitude.dart';

void join(Amplitude amplitude, String org) {
  amplitude.setGroup('orgId', org);
}
