package com.example

import com.mixpanel.android.mpmetrics.MixpanelAPI

class Session(private val amplitude: MixpanelAPI) {
    fun loggedIn(user: User) {
        amplitude.identify(user.id)
        amplitude.identify("user-" + user.id)
    }
}
