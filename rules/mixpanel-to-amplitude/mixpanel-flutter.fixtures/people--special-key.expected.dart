import 'package:mixpanel_flutter/mixpanel_flutter.dart';

void profile(Mixpanel mixpanel, String email) {
  mixpanel.getPeople().set('\$email', email);
}
