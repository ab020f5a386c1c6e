package com.example

import com.mixpanel.android.mpmetrics.MixpanelAPI

class Profile(private val amplitude: MixpanelAPI) {
    fun upgraded() {
        amplitude.getPeople().set("plan", "pro")
    }
}
