#import <Amplitude/Amplitude.h>

@interface Checkout ()
@property (nonatomic, strong) Amplitude *mixpanel;
@end

@implementation Checkout
- (void)paid:(NSNumber *)total {
    [self.mixpanel logEvent:@"Order Paid" withEventProperties:@{@"total": total}]; // as written
}
@end
