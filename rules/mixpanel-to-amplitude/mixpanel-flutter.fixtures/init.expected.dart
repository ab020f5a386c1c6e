import 'package:amplitude_flutter/amplitude.dart';
import 'package:amplitude_flutter/configuration.dart';

class MixpanelManager {
  static Amplitude? _instance;

  static Future<void> init() async {
    _instance ??= Amplitude(Configuration(apiKey: 'YOUR_AMPLITUDE_API_KEY'));
  }
}
