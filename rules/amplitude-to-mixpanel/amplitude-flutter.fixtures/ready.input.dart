import 'package:amplitude_flutter/amplitude.dart';
import 'package:amplitude_flutter/configuration.dart';

Future<Amplitude> start() async {
  final amplitude = Amplitude(Configuration(apiKey: 'AMPLITUDE_KEY'));
  await amplitude.isBuilt;
  return amplitude;
}
