#import <Amplitude/Amplitude.h>

@implementation Session
- (void)loggedIn:(User *)user {
    [[Amplitude instance] setUserId:user.identifier];
}
@end
