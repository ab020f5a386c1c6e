package com.example

import com.mixpanel.android.mpmetrics.MixpanelAPI

class Feed {
    lateinit var mixpanel: MixpanelAPI

    fun scrolled(page: Int) {
        mixpanel.trackMap("Feed Scrolled", mapOf("page" to page))
    }
}
