#import <Amplitude/Amplitude.h>

@implementation Checkout
- (void)paid:(NSNumber *)total {
    [[Amplitude instance] logEvent:@"Order Paid"
               withEventProperties:@{@"total": total, @"currency": @"EUR"}];
}
@end
