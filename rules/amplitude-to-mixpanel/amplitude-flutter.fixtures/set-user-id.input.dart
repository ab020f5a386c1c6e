import 'package:amplitude_flutter/amplitude.dart';

class Session {
  Session(this.amplitude);
  final Amplitude amplitude;

  void login(String id) {
    amplitude.setUserId(id);
  }
}
