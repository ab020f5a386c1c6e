import 'package:mixpanel_flutter/mixpanel_flutter.dart';

void profile(Mixpanel mixpanel, String name) {
  mixpanel.getPeople().set('name', name);
  mixpanel.getPeople().setOnce('first_seen', '2024-01-01');
  mixpanel.getPeople().increment('logins', 1);
  mixpanel.getPeople().union('tags', ['a', 'b']);
  mixpanel.getPeople().unset('trial');
}
