#import "AppDelegate.h"
#import <Amplitude/Amplitude.h>

@implementation AppDelegate

- (BOOL)application:(UIApplication *)application didFinishLaunchingWithOptions:(NSDictionary *)launchOptions {
    // Analytics first.
    [[Amplitude instance] initializeApiKey:@"a1b2c3d4e5f6"];
    return YES;
}

@end
