import 'package:amplitude_flutter/amplitude.dart';

void pay(Amplitude amplitude, Revenue r) {
  amplitude.revenue(r);
}
