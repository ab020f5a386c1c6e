import AmplitudeSwift

final class Checkout {
    var mixpanel: Amplitude

    init(mixpanel: Amplitude) {
        self.mixpanel = mixpanel
    }

    func paid(total: Double) {
        mixpanel.track(eventType: "Order Paid", eventProperties: ["total": total])
        mixpanel.track(eventType: "Receipt Shown")
    }
}
