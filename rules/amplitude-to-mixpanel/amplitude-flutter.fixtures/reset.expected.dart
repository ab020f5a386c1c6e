import 'package:mixpanel_flutter/mixpanel_flutter.dart';

void logout(Mixpanel amplitude) {
  amplitude.reset();
}
