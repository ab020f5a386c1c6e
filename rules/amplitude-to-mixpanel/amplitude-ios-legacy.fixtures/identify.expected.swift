import Amplitude

func upgraded(plan: String) {
    Amplitude.instance().identify(AMPIdentify().set("plan", value: plan as NSObject))
}
