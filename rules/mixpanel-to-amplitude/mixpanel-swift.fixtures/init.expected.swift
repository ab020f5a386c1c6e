import AmplitudeSwift

final class Analytics {
    static let shared = Analytics()
    let mixpanel = Amplitude(configuration: Configuration(apiKey: "YOUR_AMPLITUDE_API_KEY"))
    let eu: Amplitude = Amplitude(configuration: Configuration(apiKey: "YOUR_AMPLITUDE_API_KEY", serverZone: .EU))
}
