import Mixpanel

final class Screen {
    var amplitude: MixpanelInstance?

    func show(names: [String], segment: Analytics, other: Other) {
        names.forEach { amplitude in amplitude.track("closure parameter", count: 1) }
        segment.track(name: "another SDK")
        other.amplitude.setUserId("a member of something else")
        amplitude?.track(event: "Shown", properties: ["count": names.count])
    }
}
