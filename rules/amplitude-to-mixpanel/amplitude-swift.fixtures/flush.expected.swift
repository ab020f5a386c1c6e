import Mixpanel

func background(amplitude: MixpanelInstance) {
    amplitude.track(event: "Backgrounded")
    amplitude.flush()
}
