import 'package:mixpanel_flutter/mixpanel_flutter.dart';

class Analytics {
  late final Mixpanel amplitude;

  Future<void> start() async {
    amplitude = await Mixpanel.init('YOUR_MIXPANEL_PROJECT_TOKEN', trackAutomaticEvents: true);
  }
}
