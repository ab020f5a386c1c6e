import 'package:mixpanel_flutter/mixpanel_flutter.dart';

Future<void> bought(Mixpanel? amplitude, String sku) async {
  amplitude?.track('Purchase', properties: {'sku': sku, 'qty': 2});
  amplitude?.track('Purchase Named', properties: {'sku': sku});
}
