import Mixpanel

func background(mixpanel: MixpanelInstance) {
    mixpanel.track(event: "Backgrounded")
    mixpanel.flush()
}
