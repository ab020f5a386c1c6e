import Mixpanel

final class Screen {
    var amplitude: MixpanelInstance?

    func show(names: [String], segment: Analytics, other: Other) {
        names.forEach { amplitude in amplitude.track(eventType: "closure parameter") }
        segment.track(eventType: "another SDK")
        other.amplitude.track(eventType: "a member of something else")
        amplitude?.track(event: "Shown", properties: ["count": names.count])
    }
}
