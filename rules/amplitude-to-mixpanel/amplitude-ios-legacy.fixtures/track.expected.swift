import Mixpanel

func opened(screen: String) {
    Mixpanel.mainInstance().track(event: "Screen Opened", properties: ["screen": screen])
    Mixpanel.mainInstance().track(event: "Optional Chained")
    Mixpanel.mainInstance().track(event: "Force Unwrapped")
}
