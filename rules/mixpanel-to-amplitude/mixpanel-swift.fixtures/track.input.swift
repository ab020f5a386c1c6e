import Mixpanel

final class Checkout {
    var mixpanel: MixpanelInstance

    init(mixpanel: MixpanelInstance) {
        self.mixpanel = mixpanel
    }

    func paid(total: Double) {
        mixpanel.track(event: "Order Paid", properties: ["total": total])
        mixpanel.track(event: "Receipt Shown")
    }
}
