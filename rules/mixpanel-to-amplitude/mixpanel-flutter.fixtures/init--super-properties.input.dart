import 'package:mixpanel_flutter/mixpanel_flutter.dart';

Future<void> start() async {
  final mixpanel = await Mixpanel.init('MIXPANEL_TOKEN', trackAutomaticEvents: true, superProperties: {'app': 'x'});
  mixpanel.track('Open');
}
