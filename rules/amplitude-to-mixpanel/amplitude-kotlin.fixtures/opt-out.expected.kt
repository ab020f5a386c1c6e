package com.example

import com.mixpanel.android.mpmetrics.MixpanelAPI

class Privacy(private val amplitude: MixpanelAPI) {
    fun consent(given: Boolean) {
        if (given) {
            amplitude.optInTracking()
        } else {
            amplitude.optOutTracking()
        }
    }
}
