import 'package:amplitude_flutter/amplitude.dart';

Future<void> bye(Amplitude amplitude) async {
  await amplitude.flush();
}
