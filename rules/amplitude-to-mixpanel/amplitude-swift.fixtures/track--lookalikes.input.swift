import AmplitudeSwift

final class Screen {
    var amplitude: Amplitude?

    func show(names: [String], segment: Analytics, other: Other) {
        names.forEach { amplitude in amplitude.track("closure parameter", count: 1) }
        segment.track(name: "another SDK")
        other.amplitude.setUserId("a member of something else")
        amplitude?.track(eventType: "Shown", eventProperties: ["count": names.count])
    }
}
