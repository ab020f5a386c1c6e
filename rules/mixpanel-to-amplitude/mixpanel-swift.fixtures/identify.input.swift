import Mixpanel

func login(mixpanel: MixpanelInstance, id: String) {
    mixpanel.identify(distinctId: id)
}
