package com.example

import com.mixpanel.android.mpmetrics.MixpanelAPI

class Org(private val amplitude: MixpanelAPI) {
    fun joined(org: String) {
        amplitude.setGroup("org", org)
    }
}
