import AmplitudeSwift

final class CheckoutViewModel {
    private let amplitude: Amplitude

    init(amplitude: Amplitude) {
        self.amplitude = amplitude
    }

    func opened() {
        amplitude.track(eventType: "Checkout Opened")
    }

    func paid(total: Double, items: Int) {
        amplitude.track(
            eventType: "Order Paid",
            eventProperties: ["total": total, "items": items] // kept as written
        )
        self.amplitude.track(eventType: "Receipt Shown", eventProperties: nil)
    }
}
