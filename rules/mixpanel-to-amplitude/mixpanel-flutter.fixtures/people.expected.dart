import 'package:amplitude_flutter/amplitude.dart';
import 'package:amplitude_flutter/events/identify.dart';

void profile(Amplitude mixpanel, String name) {
  mixpanel.identify(Identify()..set('name', name));
  mixpanel.identify(Identify()..setOnce('first_seen', '2024-01-01'));
  mixpanel.identify(Identify()..add('logins', 1));
  mixpanel.identify(Identify()..postInsert('tags', ['a', 'b']));
  mixpanel.identify(Identify()..unset('trial'));
}
