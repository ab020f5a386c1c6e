import 'package:amplitude_flutter/amplitude.dart';
import 'package:amplitude_flutter/events/identify.dart';

void profile(Amplitude amplitude, String plan) {
  amplitude.identify(Identify()
    ..set('plan', plan)
    ..setOnce('first_seen', '2024-01-01')
    ..add('logins', 1)
    ..unset('trial'));
}
