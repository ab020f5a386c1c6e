import 'package:amplitude_flutter/amplitude.dart';
import 'package:amplitude_flutter/events/base_event.dart';

void bought(Amplitude? mixpanel, String sku) {
  mixpanel?.track(BaseEvent('Purchase', eventProperties: {'sku': sku}));
  mixpanel?.track(BaseEvent('Purchase Positional', eventProperties: {'sku': sku}));
}
