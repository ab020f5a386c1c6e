import 'package:mixpanel_flutter/mixpanel_flutter.dart';

Future<void> bye(Mixpanel amplitude) async {
  await amplitude.flush();
}
