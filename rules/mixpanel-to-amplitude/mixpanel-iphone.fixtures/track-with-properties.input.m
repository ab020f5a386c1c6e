#import <Mixpanel/Mixpanel.h>

@interface Checkout ()
@property (nonatomic, strong) Mixpanel *mixpanel;
@end

@implementation Checkout
- (void)paid:(NSNumber *)total {
    [self.mixpanel track:@"Order Paid" properties:@{@"total": total}]; // as written
}
@end
