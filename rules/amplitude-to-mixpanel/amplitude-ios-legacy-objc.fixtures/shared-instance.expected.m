@import Mixpanel;

void TrackOpen(void) {
    Mixpanel *amplitude = [Mixpanel sharedInstance];
    [amplitude track:@"Opened"];
}
