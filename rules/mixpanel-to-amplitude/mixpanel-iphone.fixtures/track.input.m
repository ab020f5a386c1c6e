#import <Mixpanel/Mixpanel.h>

@implementation Screen
- (void)shown {
    [[Mixpanel sharedInstance] track:@"Screen Shown"];
}
@end
