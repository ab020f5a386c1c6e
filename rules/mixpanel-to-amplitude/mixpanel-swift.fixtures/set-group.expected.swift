import AmplitudeSwift

func joined(mixpanel: Amplitude, org: String) {
    mixpanel.setGroup(groupType: "org", groupName: org)
}
