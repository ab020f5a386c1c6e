import 'package:amplitude_flutter/amplitude.dart';

void privacy(Amplitude mixpanel) {
  mixpanel.setOptOut(true);
}
