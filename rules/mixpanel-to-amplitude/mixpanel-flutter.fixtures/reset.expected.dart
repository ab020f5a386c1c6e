import 'package:amplitude_flutter/amplitude.dart';

void logout(Amplitude mixpanel) {
  mixpanel.reset();
}
