#import <Mixpanel/Mixpanel.h>

@implementation Checkout
- (void)paid:(NSNumber *)total {
    [[Mixpanel sharedInstance] track:@"Order Paid" properties:@{@"total": total, @"currency": @"EUR"}];
}
@end
