@import Amplitude;

void TrackOpen(void) {
    Amplitude *amplitude = [Amplitude instance];
    [amplitude logEvent:@"Opened"];
}
