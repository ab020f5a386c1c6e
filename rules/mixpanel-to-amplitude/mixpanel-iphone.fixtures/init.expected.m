#import <Mixpanel/Mixpanel.h>

@implementation AppDelegate
- (BOOL)application:(UIApplication *)application didFinishLaunchingWithOptions:(NSDictionary *)launchOptions {
    [Mixpanel sharedInstanceWithToken:@"0123456789abcdef" trackAutomaticEvents:YES];
    return YES;
}
@end
