import Mixpanel

struct Session {
    let amplitude: MixpanelInstance

    func login(user: User) {
        amplitude.identify(distinctId: user.id)
    }
}
