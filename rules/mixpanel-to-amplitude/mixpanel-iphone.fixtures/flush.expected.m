#import <Amplitude/Amplitude.h>

@implementation Lifecycle
- (void)willResignActive {
    [[Amplitude instance] uploadEvents];
}
@end
