import 'package:amplitude_flutter/amplitude.dart';

Future<void> bye(Amplitude mixpanel) async {
  await mixpanel.flush();
}
