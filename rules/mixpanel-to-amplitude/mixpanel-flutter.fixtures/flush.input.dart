import 'package:mixpanel_flutter/mixpanel_flutter.dart';

Future<void> bye(Mixpanel mixpanel) async {
  await mixpanel.flush();
}
