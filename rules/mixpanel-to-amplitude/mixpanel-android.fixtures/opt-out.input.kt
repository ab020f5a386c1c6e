package com.example

import com.mixpanel.android.mpmetrics.MixpanelAPI

class Privacy(private val mixpanel: MixpanelAPI) {
    fun consent(given: Boolean) {
        if (given) mixpanel.optInTracking() else mixpanel.optOutTracking()
    }
}
