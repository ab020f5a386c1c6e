#import <Mixpanel/Mixpanel.h>

@implementation Teams
- (void)joined:(NSString *)org {
    [[Mixpanel sharedInstance] setGroup:@"org" groupID:org];
}
@end
