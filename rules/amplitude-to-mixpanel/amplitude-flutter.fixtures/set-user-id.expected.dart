import 'package:mixpanel_flutter/mixpanel_flutter.dart';

class Session {
  Session(this.amplitude);
  final Mixpanel amplitude;

  void login(String id) {
    amplitude.identify(id);
  }
}
