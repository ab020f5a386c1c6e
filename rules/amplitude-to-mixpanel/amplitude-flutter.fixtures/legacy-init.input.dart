import 'package:amplitude_flutter/amplitude.dart';

void main() {
  Amplitude.getInstance(instanceName: 'project').init('AMPLITUDE_KEY');
  Amplitude.getInstance(instanceName: 'project').logEvent('Open');
}
