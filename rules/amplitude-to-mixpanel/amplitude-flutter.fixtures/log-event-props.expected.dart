import 'package:mixpanel_flutter/mixpanel_flutter.dart';

void opened(Mixpanel analytics) {
  analytics.track('MyApp startup', properties: {
    'friend_num': 10,
    'is_heavy_user': true,
  });
}
