package com.example

import com.amplitude.android.Amplitude

class Search(private val amplitude: Amplitude?) {
    fun searched(query: String) {
        amplitude?.track(eventType = "Searched", eventProperties = mapOf("query" to query))
        amplitude!!.track(eventProperties = mapOf("page" to 2), eventType = "Paged")
        amplitude?.track(eventType = "Cleared")
    }
}
