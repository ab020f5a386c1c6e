import 'package:mixpanel_flutter/mixpanel_flutter.dart';

void opened(Mixpanel mixpanel) {
  mixpanel.track('App Opened');
}
