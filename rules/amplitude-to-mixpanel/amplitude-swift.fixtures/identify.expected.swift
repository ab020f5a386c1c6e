import Mixpanel

func upgraded(amplitude: MixpanelInstance, plan: String) {
    amplitude.people.set(properties: ["plan": plan, "paid": true])
    amplitude.people.increment(properties: ["upgrades": 1])
}
