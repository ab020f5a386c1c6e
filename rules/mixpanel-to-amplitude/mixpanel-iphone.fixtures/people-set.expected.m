#import <Amplitude/Amplitude.h>

@implementation Billing
- (void)upgraded {
    [[Amplitude instance] setUserProperties:@{@"plan": @"pro"}];
}
@end
