#import <Amplitude/Amplitude.h>

void TrackOpen(void) {
    Amplitude *mixpanel = [Amplitude instance];
    [mixpanel logEvent:@"Opened"];
}
