import 'package:mixpanel_flutter/mixpanel_flutter.dart';

void profile(Mixpanel amplitude, String plan) {
  amplitude.getPeople().set('plan', plan);
  amplitude.getPeople().setOnce('first_seen', '2024-01-01');
  amplitude.getPeople().increment('logins', 1);
  amplitude.getPeople().unset('trial');
}
