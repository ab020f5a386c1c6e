#import <Mixpanel/Mixpanel.h>

@implementation Session
- (void)loggedOut {
    [[Mixpanel sharedInstance] reset];
}
@end
