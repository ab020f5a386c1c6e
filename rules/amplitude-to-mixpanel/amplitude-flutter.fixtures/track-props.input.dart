import 'package:amplitude_flutter/amplitude.dart';
import 'package:amplitude_flutter/events/base_event.dart';

Future<void> bought(Amplitude? amplitude, String sku) async {
  await amplitude?.track(BaseEvent('Purchase', eventProperties: {'sku': sku, 'qty': 2}));
  amplitude?.track(BaseEvent(eventType: 'Purchase Named', eventProperties: {'sku': sku}));
}
