import 'package:mixpanel_flutter/mixpanel_flutter.dart';

void login(Mixpanel mixpanel, String id) {
  mixpanel.identify(id);
}
