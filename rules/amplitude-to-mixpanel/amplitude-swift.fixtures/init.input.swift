import AmplitudeSwift

// One client for the app, created at launch.
let amplitude = Amplitude(configuration: Configuration(apiKey: "a1b2c3d4e5f6"))

final class EUAnalytics {
    static let shared = EUAnalytics()
    let client = Amplitude(
        configuration: Configuration(apiKey: "a1b2c3d4e5f6", serverZone: .EU)
    )
}
