import Mixpanel

func joined(amplitude: MixpanelInstance, org: String) {
    amplitude.setGroup(groupKey: "org", groupID: org)
}
