import AmplitudeSwift

func login(mixpanel: Amplitude, id: String) {
    mixpanel.setUserId(userId: id)
}
