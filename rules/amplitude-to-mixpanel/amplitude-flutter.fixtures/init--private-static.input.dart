// A private static client created through a local, null checks on it, a nullable receiver.
import 'package:amplitude_flutter/amplitude.dart';
import 'package:amplitude_flutter/configuration.dart';
import 'package:amplitude_flutter/events/base_event.dart';
import 'package:amplitude_flutter/events/identify.dart';

class Metrics {
  static const _key = String.fromEnvironment('AMPLITUDE_API_KEY');
  static Amplitude? _amp;
  static bool get on => _amp != null;

  static Future<void> init() async {
    try {
      final amp = Amplitude(Configuration(apiKey: _key));
      await amp.isBuilt;
      _amp = amp;
    } catch (e) {
      _amp = null;
    }
  }

  static void user(String? uid) {
    _amp?.setUserId(uid);
    if (uid != null) _amp?.identify(Identify()..set('platform', 'ios'));
  }

  static void send(String name, [Map<String, Object?> props = const {}]) {
    if (_amp == null) return;
    _amp!.track(BaseEvent(name, eventProperties: Map.of(props)));
  }
}
