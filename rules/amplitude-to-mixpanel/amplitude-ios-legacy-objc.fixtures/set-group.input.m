#import <Amplitude/Amplitude.h>

@implementation Teams
- (void)joined:(NSString *)org {
    [[Amplitude instance] setGroup:@"org" groupName:org];
}
@end
