import 'package:mixpanel_flutter/mixpanel_flutter.dart';

void opened(Mixpanel analytics) {
  analytics.track('App Opened');
}
