#import "Mixpanel.h"

@interface Tracker ()
@property (nonatomic, strong) Mixpanel *mixpanel;
@end

@implementation Tracker
- (void)registerUser:(Info *)info {
    [[self.mixpanel people] set:@{@"license": [info license]}];
}
@end
