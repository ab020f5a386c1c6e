package com.example

import com.mixpanel.android.mpmetrics.MixpanelAPI

class Session(private val amplitude: MixpanelAPI) {
    fun background() {
        amplitude.flush()
    }
}
