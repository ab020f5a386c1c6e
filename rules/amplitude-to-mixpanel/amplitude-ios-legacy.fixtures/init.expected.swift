import UIKit
import Mixpanel

@main
class AppDelegate: UIResponder, UIApplicationDelegate {
    func application(_ application: UIApplication, didFinishLaunchingWithOptions launchOptions: [UIApplication.LaunchOptionsKey: Any]?) -> Bool {
        Mixpanel.initialize(token: "YOUR_MIXPANEL_PROJECT_TOKEN", trackAutomaticEvents: false)
        return true
    }
}
