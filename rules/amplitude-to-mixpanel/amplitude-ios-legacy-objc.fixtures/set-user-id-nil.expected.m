#import <Amplitude/Amplitude.h>

@implementation Session
- (void)loggedOut {
    [[Amplitude instance] setUserId:nil];
}
@end
