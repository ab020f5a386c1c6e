package com.example

import com.mixpanel.android.mpmetrics.MixpanelAPI

class Session(private val amplitude: MixpanelAPI) {
    fun loggedOut() {
        amplitude.reset()
    }
}
