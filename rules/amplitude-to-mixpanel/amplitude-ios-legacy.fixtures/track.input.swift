import Amplitude

func opened(screen: String) {
    Amplitude.instance().logEvent("Screen Opened", withEventProperties: ["screen": screen])
    Amplitude.instance()?.logEvent("Optional Chained")
    Amplitude.instance()!.logEvent("Force Unwrapped")
}
