import Mixpanel

func upgraded(mixpanel: MixpanelInstance, plan: String) {
    mixpanel.people.set(properties: ["plan": plan, "paid": true])
    mixpanel.people.set(property: "upgraded", to: true)
    mixpanel.people.increment(property: "upgrades", by: 1)
    mixpanel.people.unset(properties: ["trial", "coupon"])
}
