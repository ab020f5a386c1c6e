import Mixpanel

func start(mixpanel: MixpanelInstance) {
    mixpanel.registerSuperProperties(["app": "ios"])
    mixpanel.track(event: "Started")
}
