#import <Mixpanel/Mixpanel.h>

@implementation Lifecycle
- (void)willResignActive {
    [[Mixpanel sharedInstance] flush];
}
@end
