import 'package:mixpanel_flutter/mixpanel_flutter.dart';

void company(Mixpanel amplitude, String id) {
  amplitude.getGroup('company', id).set('plan', 'enterprise');
  amplitude.getGroup('company', id).unset('trial');
}
