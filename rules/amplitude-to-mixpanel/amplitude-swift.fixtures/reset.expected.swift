import Mixpanel

func logout(amplitude: MixpanelInstance) {
    amplitude.reset()
}
