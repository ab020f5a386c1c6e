import AmplitudeSwift

func joined(amplitude: Amplitude, org: String) {
    amplitude.setGroup(groupType: "org", groupName: org)
}
