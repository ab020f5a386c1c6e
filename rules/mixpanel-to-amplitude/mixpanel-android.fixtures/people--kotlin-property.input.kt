package com.example

import com.mixpanel.android.mpmetrics.MixpanelAPI

class Profile(private val mixpanel: MixpanelAPI) {
    fun upgraded(seats: Int) {
        mixpanel.people.set("plan", "pro")
        mixpanel.people.increment("seats", seats.toDouble())
    }
}
