import AmplitudeSwift

func background(mixpanel: Amplitude) {
    mixpanel.track(eventType: "Backgrounded")
    mixpanel.flush()
}
