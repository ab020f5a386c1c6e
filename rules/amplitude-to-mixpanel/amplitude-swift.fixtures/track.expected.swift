import Mixpanel

final class CheckoutViewModel {
    private let amplitude: MixpanelInstance

    init(amplitude: MixpanelInstance) {
        self.amplitude = amplitude
    }

    func opened() {
        amplitude.track(event: "Checkout Opened")
    }

    func paid(total: Double, items: Int) {
        amplitude.track(
            event: "Order Paid",
            properties: ["total": total, "items": items] // kept as written
        )
        self.amplitude.track(event: "Receipt Shown")
    }
}
