import 'package:amplitude_flutter/amplitude.dart';

void login(Amplitude mixpanel, String id) {
  mixpanel.setUserId(id);
}
