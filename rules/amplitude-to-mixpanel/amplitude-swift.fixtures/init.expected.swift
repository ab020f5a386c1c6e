import Mixpanel

// One client for the app, created at launch.
let amplitude = Mixpanel.initialize(token: "YOUR_MIXPANEL_PROJECT_TOKEN", trackAutomaticEvents: false)

final class EUAnalytics {
    static let shared = EUAnalytics()
    let client = Mixpanel.initialize(token: "YOUR_MIXPANEL_PROJECT_TOKEN", trackAutomaticEvents: false, serverURL: "https://api-eu.mixpanel.com")
}
