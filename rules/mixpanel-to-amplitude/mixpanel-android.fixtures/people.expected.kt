package com.example

import com.mixpanel.android.mpmetrics.MixpanelAPI

class Profile(private val mixpanel: MixpanelAPI) {
    fun upgraded() {
        mixpanel.getPeople().set("plan", "pro")
        mixpanel.track("Upgraded")
    }
}
