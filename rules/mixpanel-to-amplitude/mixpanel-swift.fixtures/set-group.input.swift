import Mixpanel

func joined(mixpanel: MixpanelInstance, org: String) {
    mixpanel.setGroup(groupKey: "org", groupID: org)
}
