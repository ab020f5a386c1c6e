import 'package:mixpanel_flutter/mixpanel_flutter.dart';

void privacy(Mixpanel amplitude) {
  amplitude.optInTracking();
}
