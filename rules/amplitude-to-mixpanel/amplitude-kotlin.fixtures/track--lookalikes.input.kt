package com.example

import com.amplitude.android.Amplitude
import com.segment.analytics.kotlin.core.Analytics

class Tracker(private val amplitude: Amplitude, private val analytics: Analytics) {
    fun track(name: String) {
        analytics.track(name)
    }

    fun all(names: List<String>, other: Other) {
        track("Local")
        names.forEach { amplitude -> amplitude.track("Not the client") }
        other.amplitude.track("A property of something else")
        amplitude.track("Real", mapOf("k" to 1))
    }
}
