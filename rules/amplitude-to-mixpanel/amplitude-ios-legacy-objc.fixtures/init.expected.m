#import "AppDelegate.h"
#import <Mixpanel/Mixpanel.h>

@implementation AppDelegate

- (BOOL)application:(UIApplication *)application didFinishLaunchingWithOptions:(NSDictionary *)launchOptions {
    // Analytics first.
    [Mixpanel sharedInstanceWithToken:@"YOUR_MIXPANEL_PROJECT_TOKEN" trackAutomaticEvents:NO];
    return YES;
}

@end
