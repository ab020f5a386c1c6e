import 'package:mixpanel_flutter/mixpanel_flutter.dart';

void register(Mixpanel mixpanel) {
  mixpanel.registerSuperProperties({'plan': 'pro'});
}
