import 'package:mixpanel_flutter/mixpanel_flutter.dart';

void logout(Mixpanel mixpanel) {
  mixpanel.reset();
}
