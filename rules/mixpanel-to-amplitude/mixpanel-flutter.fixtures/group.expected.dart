import 'package:amplitude_flutter/amplitude.dart';

void join(Amplitude mixpanel, String org) {
  mixpanel.setGroup('company', org);
}
