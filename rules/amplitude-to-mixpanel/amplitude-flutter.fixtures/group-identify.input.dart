import 'package:amplitude_flutter/amplitude.dart';
import 'package:amplitude_flutter/events/identify.dart';

void company(Amplitude amplitude, String id) {
  amplitude.groupIdentify('company', id, Identify()
    ..set('plan', 'enterprise')
    ..unset('trial'));
}
