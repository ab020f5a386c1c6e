import 'package:mixpanel_flutter/mixpanel_flutter.dart';

Future<Mixpanel> start() async {
  final amplitude = await Mixpanel.init('YOUR_MIXPANEL_PROJECT_TOKEN', trackAutomaticEvents: true);
  return amplitude;
}
