import Mixpanel

func login(id: String) {
    Mixpanel.mainInstance().identify(distinctId: id)
}
