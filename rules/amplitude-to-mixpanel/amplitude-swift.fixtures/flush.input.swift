import AmplitudeSwift

func background(amplitude: Amplitude) {
    amplitude.track(eventType: "Backgrounded")
    amplitude.flush()
}
