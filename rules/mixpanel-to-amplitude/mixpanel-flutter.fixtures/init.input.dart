import 'package:mixpanel_flutter/mixpanel_flutter.dart';

class MixpanelManager {
  static Mixpanel? _instance;

  static Future<void> init() async {
    _instance ??= await Mixpanel.init('MIXPANEL_TOKEN', optOutTrackingDefault: false, trackAutomaticEvents: true);
  }
}
