#import "Amplitude.h"

@interface Tracker ()
@property (nonatomic, strong) Amplitude *mixpanel;
@end

@implementation Tracker
- (void)registerUser:(Info *)info {
    [self.mixpanel setUserProperties:@{@"license": [info license]}];
}
@end
