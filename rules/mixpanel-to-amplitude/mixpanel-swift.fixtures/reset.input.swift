import Mixpanel

func logout(mixpanel: MixpanelInstance) {
    mixpanel.reset()
}
