import AmplitudeSwift

func upgraded(amplitude: Amplitude, plan: String) {
    amplitude.identify(identify: Identify().set(property: "plan", value: plan).set(property: "paid", value: true).add(property: "upgrades", value: 1))
}
