import 'package:amplitude_flutter/amplitude.dart';

void opened(Amplitude analytics) {
  analytics.logEvent('MyApp startup', eventProperties: {
    'friend_num': 10,
    'is_heavy_user': true,
  });
}
