#import <Mixpanel/Mixpanel.h>

@implementation Billing
- (void)upgraded {
    [[Mixpanel sharedInstance].people set:@{@"plan": @"pro"}];
}
@end
