import Mixpanel

func start(user: String) {
    Mixpanel.initialize(token: "YOUR_MIXPANEL_PROJECT_TOKEN", trackAutomaticEvents: false)
    Mixpanel.mainInstance().identify(distinctId: user)
}
