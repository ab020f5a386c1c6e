package com.example

import com.mixpanel.android.mpmetrics.MixpanelAPI

class Search(private val amplitude: MixpanelAPI?) {
    fun searched(query: String) {
        amplitude?.trackMap("Searched", mapOf("query" to query))
        amplitude!!.trackMap("Paged", mapOf("page" to 2))
        amplitude?.track("Cleared")
    }
}
