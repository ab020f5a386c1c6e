import 'package:mixpanel_flutter/mixpanel_flutter.dart';

void company(Mixpanel mixpanel, String id) {
  mixpanel.getGroup('company', id).deleteGroup();
}
