import 'package:amplitude_flutter/amplitude.dart';

void privacy(Amplitude amplitude) {
  amplitude.setOptOut(true);
}
