import 'package:amplitude_flutter/amplitude.dart';

void logout(Amplitude amplitude) {
  amplitude.setUserId(null);
}
