import 'package:mixpanel_flutter/mixpanel_flutter.dart';

void opened(Mixpanel amplitude) {
  amplitude.track('App Opened');
}
