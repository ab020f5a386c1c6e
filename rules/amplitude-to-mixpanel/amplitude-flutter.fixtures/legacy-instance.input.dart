import 'package:amplitude_flutter/amplitude.dart';

class Legacy {
  final Amplitude analytics = Amplitude.getInstance(instanceName: 'project');

  void open() {
    analytics.logEvent('Open');
  }
}
