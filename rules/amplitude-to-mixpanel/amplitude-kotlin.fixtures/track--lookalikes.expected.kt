package com.example

import com.mixpanel.android.mpmetrics.MixpanelAPI
import com.segment.analytics.kotlin.core.Analytics

class Tracker(private val amplitude: MixpanelAPI, private val analytics: Analytics) {
    fun track(name: String) {
        analytics.track(name)
    }

    fun all(names: List<String>, other: Other) {
        track("Local")
        names.forEach { amplitude -> amplitude.track("Not the client") }
        other.amplitude.track("A property of something else")
        amplitude.trackMap("Real", mapOf("k" to 1))
    }
}
