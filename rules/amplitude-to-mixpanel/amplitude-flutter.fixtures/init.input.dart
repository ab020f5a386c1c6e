import 'package:amplitude_flutter/amplitude.dart';
import 'package:amplitude_flutter/configuration.dart';

class Analytics {
  late final Amplitude amplitude;

  Future<void> start() async {
    amplitude = Amplitude(Configuration(apiKey: 'AMPLITUDE_KEY'));
  }
}
