import AmplitudeSwift

func send(_ amplitude: Amplitude, options: EventOptions) {
    amplitude.track(eventType: "Sent", eventProperties: ["a": 1], options: options)
}
