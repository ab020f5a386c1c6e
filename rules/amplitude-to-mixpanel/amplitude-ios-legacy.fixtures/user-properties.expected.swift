import Mixpanel

func upgraded(plan: String) {
    Mixpanel.mainInstance().people.set(properties: ["plan": plan, "paid": true])
}
