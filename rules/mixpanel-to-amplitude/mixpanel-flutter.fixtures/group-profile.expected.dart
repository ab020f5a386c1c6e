import 'package:amplitude_flutter/amplitude.dart';
import 'package:amplitude_flutter/events/identify.dart';

void company(Amplitude mixpanel, String id) {
  mixpanel.groupIdentify('company', id, Identify()..set('plan', 'enterprise'));
  mixpanel.groupIdentify('company', id, Identify()..unset('trial'));
}
