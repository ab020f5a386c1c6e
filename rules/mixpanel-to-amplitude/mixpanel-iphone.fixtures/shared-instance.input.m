#import <Mixpanel/Mixpanel.h>

void TrackOpen(void) {
    Mixpanel *mixpanel = [Mixpanel sharedInstance];
    [mixpanel track:@"Opened"];
}
