import Amplitude

func upgraded(plan: String) {
    Amplitude.instance().setUserProperties(["plan": plan, "paid": true])
}
