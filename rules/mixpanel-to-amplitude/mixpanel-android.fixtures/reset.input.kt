package com.example

import com.mixpanel.android.mpmetrics.MixpanelAPI

class Session(private val mixpanel: MixpanelAPI) {
    fun loggedOut() {
        mixpanel.reset()
    }
}
