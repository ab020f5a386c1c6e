import UIKit
import Amplitude

@main
class AppDelegate: UIResponder, UIApplicationDelegate {
    func application(_ application: UIApplication, didFinishLaunchingWithOptions launchOptions: [UIApplication.LaunchOptionsKey: Any]?) -> Bool {
        Amplitude.instance().initializeApiKey("a1b2c3d4e5f6")
        return true
    }
}
