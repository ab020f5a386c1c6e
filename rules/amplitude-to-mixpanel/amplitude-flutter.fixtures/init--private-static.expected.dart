// A private static client created through a local, null checks on it, a nullable receiver.
import 'package:mixpanel_flutter/mixpanel_flutter.dart';

class Metrics {
  static const _key = String.fromEnvironment('AMPLITUDE_API_KEY');
  static Mixpanel? _amp;
  static bool get on => _amp != null;

  static Future<void> init() async {
    try {
      final amp = await Mixpanel.init(_key, trackAutomaticEvents: true);
      _amp = amp;
    } catch (e) {
      _amp = null;
    }
  }

  static void user(String? uid) {
    _amp?.identify(uid);
    if (uid != null) _amp?.getPeople().set('platform', 'ios');
  }

  static void send(String name, [Map<String, Object?> props = const {}]) {
    if (_amp == null) return;
    _amp!.track(name, properties: Map.of(props));
  }
}
