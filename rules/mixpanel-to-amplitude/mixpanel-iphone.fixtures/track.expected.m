#import <Amplitude/Amplitude.h>

@implementation Screen
- (void)shown {
    [[Amplitude instance] logEvent:@"Screen Shown"];
}
@end
