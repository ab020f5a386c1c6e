import 'package:mixpanel_flutter/mixpanel_flutter.dart';

void join(Mixpanel amplitude, String org) {
  amplitude.setGroup('orgId', org);
}
