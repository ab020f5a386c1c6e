import AmplitudeSwift

struct Session {
    let amplitude: Amplitude

    func login(user: User) {
        amplitude.setUserId(userId: user.id)
    }
}
