import AmplitudeSwift

func logout(mixpanel: Amplitude) {
    mixpanel.reset()
}
