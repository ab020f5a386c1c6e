import AmplitudeSwift

func logout(amplitude: Amplitude) {
    amplitude.reset()
}
