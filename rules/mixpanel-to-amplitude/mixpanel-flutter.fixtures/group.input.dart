import 'package:mixpanel_flutter/mixpanel_flutter.dart';

void join(Mixpanel mixpanel, String org) {
  mixpanel.setGroup('company', org);
}
