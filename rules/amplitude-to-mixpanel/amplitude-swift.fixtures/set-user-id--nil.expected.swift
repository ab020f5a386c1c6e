import AmplitudeSwift

struct Session {
    let amplitude: Amplitude

    func logout() {
        amplitude.setUserId(userId: nil)
    }
}
