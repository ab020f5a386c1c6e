#import "Mixpanel.h"

@implementation Screen
- (void)viewDidAppear:(BOOL)animated {
    [super viewDidAppear:animated];
    [[Mixpanel sharedInstance] track:@"Screen Shown"];
}
@end
