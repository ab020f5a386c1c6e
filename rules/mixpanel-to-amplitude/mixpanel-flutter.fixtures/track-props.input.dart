import 'package:mixpanel_flutter/mixpanel_flutter.dart';

void bought(Mixpanel? mixpanel, String sku) {
  mixpanel?.track('Purchase', properties: {'sku': sku});
  mixpanel?.track(
    'Purchase Positional',
    properties: {'sku': sku},
  );
}
