import 'package:amplitude_flutter/amplitude.dart';
import 'package:amplitude_flutter/configuration.dart';

// A field initialiser cannot await Mixpanel.init(): the client stays, listed for review.
class Analytics {
  final amplitude = Amplitude(Configuration(apiKey: 'AMPLITUDE_KEY'));

  void open() {
    amplitude.track(BaseEvent('Open'));
  }
}
