import 'package:mixpanel_flutter/mixpanel_flutter.dart';

void profile(Mixpanel mixpanel) {
  mixpanel.getPeople().deleteUser();
}
