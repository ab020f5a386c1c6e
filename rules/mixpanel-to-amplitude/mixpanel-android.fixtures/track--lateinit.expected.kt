package com.example

import com.amplitude.android.Amplitude

class Feed {
    lateinit var mixpanel: Amplitude

    fun scrolled(page: Int) {
        mixpanel.track("Feed Scrolled", mapOf("page" to page))
    }
}
