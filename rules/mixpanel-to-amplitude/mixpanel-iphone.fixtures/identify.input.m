#import <Mixpanel/Mixpanel.h>

@implementation Session
- (void)loggedIn:(User *)user {
    [[Mixpanel sharedInstance] identify:user.identifier];
}
@end
