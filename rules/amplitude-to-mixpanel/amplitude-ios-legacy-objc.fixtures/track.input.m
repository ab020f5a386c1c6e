#import "Amplitude.h"

@implementation Screen
- (void)viewDidAppear:(BOOL)animated {
    [super viewDidAppear:animated];
    [[Amplitude instance] logEvent:@"Screen Shown"];
}
@end
