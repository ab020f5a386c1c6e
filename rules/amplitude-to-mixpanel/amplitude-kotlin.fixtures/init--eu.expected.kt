package com.example

import android.content.Context
import com.mixpanel.android.mpmetrics.MixpanelAPI
import com.mixpanel.android.mpmetrics.MixpanelOptions

class Analytics(context: Context) {
    private val amplitude = MixpanelAPI.getInstance(context, "YOUR_MIXPANEL_PROJECT_TOKEN", true, MixpanelOptions.Builder().serverURL("https://api-eu.mixpanel.com").build())

    fun opened() = amplitude.track("Opened")
}
