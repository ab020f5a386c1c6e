import AmplitudeSwift

func upgraded(mixpanel: Amplitude, plan: String) {
    mixpanel.identify(identify: Identify().set(property: "plan", value: plan).set(property: "paid", value: true))
    mixpanel.identify(identify: Identify().set(property: "upgraded", value: true))
    mixpanel.identify(identify: Identify().add(property: "upgrades", value: 1))
    mixpanel.identify(identify: Identify().unset(property: "trial").unset(property: "coupon"))
}
