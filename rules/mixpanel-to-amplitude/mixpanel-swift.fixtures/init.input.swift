import Mixpanel

final class Analytics {
    static let shared = Analytics()
    let mixpanel = Mixpanel.initialize(token: "0123456789abcdef", trackAutomaticEvents: true)
    let eu: MixpanelInstance = Mixpanel.initialize(token: "0123456789abcdef", trackAutomaticEvents: false, serverURL: "https://api-eu.mixpanel.com")
}
